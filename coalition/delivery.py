"""Delivering queued emails so that no message goes out twice.

django-post-office marks an email sent only after the SMTP call returns, so a worker killed
mid-send would leave the row queued and the next sweep would send it again. Here each email is
taken out of the queue (a conditional update plus a `MailHandoff` row, committed) before the
SMTP call and settled when the server answers:

- accepted: sent;
- a temporary refusal (4xx, a dropped or silent connection): requeued with a backoff that
  doubles each time, failed after `POST_OFFICE["MAX_RETRIES"]`;
- a permanent refusal (5xx): failed at once, the address marked hard-bounced, never retried;
- the whole message handed over but no answer (`mail_backend.OutcomeUnknown`): flagged
  `unknown` for staff at once, since the server may have taken it;
- no answer at all because the worker died: the sweep finds the handoff still `sending` after
  `MAIL_UNKNOWN_AFTER_SECONDS` and flags it `unknown` for staff instead of sending it again.

Any number of workers may run this at once: the conditional update lets one of them win.
"""

import contextlib
import datetime
import logging
import smtplib
from collections import Counter

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from post_office.models import STATUS, Email, Log, RecipientDeliveryStatus
from post_office.settings import get_backend

from .mail_backend import OutcomeUnknown
from .models import MailHandoff

logger = logging.getLogger(__name__)

QUEUED = (STATUS.queued, STATUS.requeued)
ROUNDS = 20  # batches per call at most; beat calls again


def due_emails():
    now = timezone.now()
    return Email.objects.filter(
        Q(scheduled_time__lte=now) | Q(scheduled_time=None),
        Q(expires_at__gt=now) | Q(expires_at=None),
        status__in=QUEUED,
    )


@transaction.atomic
def mail_claim(*, email_id: int, unchanged_since: datetime.datetime | None = None) -> bool:
    """Take one email out of the queue for this worker; False if another took it.

    With `unchanged_since` (the row's last_updated when it was read), only if nobody has
    touched the row since, so the copy read then is still the row being sent.
    """
    now = timezone.now()
    # Due again at the moment of the claim: another worker may have just requeued it for later.
    due = due_emails().filter(pk=email_id)
    if unchanged_since is not None:
        due = due.filter(last_updated=unchanged_since)
    taken = due.update(status=None, last_updated=now)
    if taken:
        # One INSERT ... ON CONFLICT UPDATE: a row left from an earlier refusal is reused.
        MailHandoff.objects.bulk_create(
            [MailHandoff(email_id=email_id, state=MailHandoff.State.SENDING, started_at=now)],
            update_conflicts=True,
            unique_fields=["email"],
            update_fields=["state", "started_at", "detail"],
        )
    return bool(taken)


def smtp_code(exc: Exception) -> int | None:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return min(code for code, _ in exc.recipients.values())
    return getattr(exc, "smtp_code", None)


def retry_delay(retries: int) -> datetime.timedelta:
    """RETRY_INTERVAL, then twice that, four times..."""
    return settings.POST_OFFICE["RETRY_INTERVAL"] * (2**retries)


@transaction.atomic
def mail_settle(*, email: Email, exc: Exception | None) -> str:
    """Record the server's answer for a claimed email; returns the outcome."""
    now = timezone.now()
    emails = Email.objects.filter(pk=email.pk)
    if exc is None:
        emails.update(status=STATUS.sent, last_updated=now)
        MailHandoff.objects.filter(email_id=email.pk).delete()
        return "sent"
    detail = f"{type(exc).__name__}: {exc}"[:2000]
    Log.objects.create(
        email_id=email.pk, status=STATUS.failed, message=detail, exception_type=type(exc).__name__
    )
    if isinstance(exc, OutcomeUnknown):
        mark_unknown(email_id=email.pk, detail=f"{UNKNOWN} ({exc})")
        return "unknown"
    code = smtp_code(exc)
    if code is not None and 500 <= code < 600:
        emails.update(
            status=STATUS.failed,
            recipient_delivery_status=RecipientDeliveryStatus.HARD_BOUNCED,
            last_updated=now,
        )
        MailHandoff.objects.filter(email_id=email.pk).update(
            state=MailHandoff.State.REFUSED, detail=detail
        )
        return "refused"
    MailHandoff.objects.filter(email_id=email.pk).delete()
    retries = email.number_of_retries or 0
    if retries >= settings.POST_OFFICE["MAX_RETRIES"]:
        emails.update(status=STATUS.failed, last_updated=now)
        return "failed"
    emails.update(
        status=STATUS.requeued,
        number_of_retries=retries + 1,
        scheduled_time=now + retry_delay(retries),
        last_updated=now,
    )
    return "requeued"


def mail_deliver(*, email_id: int, connection, email: Email | None = None) -> str:
    """Hand one claimed email to the server and settle it (`email`: the row, if already read)."""
    email = email or Email.objects.get(pk=email_id)
    try:
        message = email.email_message()
        if message.recipients():
            # Opened here, not by send_messages (which would close it again after one email):
            # one connection serves the whole batch. A no-op while it is open.
            connection.open()
            connection.send_messages([message])
    except Exception as exc:  # noqa: BLE001 - every failure is recorded on the row
        logger.warning("Email #%s not delivered: %s", email_id, exc)
        with contextlib.suppress(Exception):
            connection.close()  # a broken or silent connection is not reused
        return mail_settle(email=email, exc=exc)
    return mail_settle(email=email, exc=None)


UNKNOWN = (
    "Nobody knows whether this email went out: the delivery stopped after it was handed to "
    "the mail server. Check with the recipient before resending it."
)


def mark_unknown(*, email_id: int, detail: str) -> None:
    MailHandoff.objects.filter(email_id=email_id).update(
        state=MailHandoff.State.UNKNOWN, detail=detail
    )
    Email.objects.filter(pk=email_id, status=None).update(
        status=STATUS.failed,
        recipient_delivery_status=RecipientDeliveryStatus.UNDETERMINED_BOUNCED,
        last_updated=timezone.now(),
    )


def mail_flag_unknown() -> int:
    """Turn handoffs stuck in `sending` into `unknown` for staff; never resend them."""
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.MAIL_UNKNOWN_AFTER_SECONDS)
    flagged = 0
    stuck = MailHandoff.objects.filter(state=MailHandoff.State.SENDING, started_at__lt=cutoff)
    for email_id in stuck.values_list("email_id", flat=True):
        with transaction.atomic():
            # Conditional: two sweeps at once flag it once.
            if not MailHandoff.objects.filter(
                email_id=email_id, state=MailHandoff.State.SENDING, started_at__lt=cutoff
            ).update(state=MailHandoff.State.UNKNOWN):
                continue
            mark_unknown(email_id=email_id, detail=UNKNOWN)
            Log.objects.create(
                email_id=email_id, status=STATUS.failed, message=UNKNOWN, exception_type="Unknown"
            )
            flagged += 1
    if flagged:
        logger.error("%s email(s) flagged for staff: delivery outcome unknown", flagged)
    return flagged


def mail_deliver_queued() -> Counter:
    """Deliver every email due now; safe to run in any number of workers at once."""
    outcomes: Counter = Counter()
    outcomes["unknown"] = mail_flag_unknown()
    connection = get_connection(get_backend("default"), fail_silently=False)
    batch = settings.POST_OFFICE.get("BATCH_SIZE", 100)
    try:
        for _ in range(ROUNDS):
            ids = list(
                due_emails().order_by("-priority", "pk").values_list("pk", flat=True)[:batch]
            )
            # Read the batch's rows once; each is still claimed on its own before its send.
            rows = Email.objects.filter(pk__in=ids).prefetch_related("attachments").in_bulk()
            for email_id in ids:
                row = rows.get(email_id)
                if row and mail_claim(email_id=email_id, unchanged_since=row.last_updated):
                    outcomes[mail_deliver(email_id=email_id, connection=connection, email=row)] += 1
                elif mail_claim(email_id=email_id):  # changed since it was read: read it again
                    outcomes[mail_deliver(email_id=email_id, connection=connection)] += 1
            if len(ids) < batch:
                break
    finally:
        with contextlib.suppress(Exception):
            connection.close()
    return outcomes
