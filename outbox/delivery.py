"""Delivering queued emails so that no message goes out twice.

django-post-office marks an email sent only after the SMTP call returns, so a worker killed
mid-send would leave the row queued and the next sweep would send it again. Here a worker
first takes a batch of due emails out of the queue (`mail_claim`: the rows locked, taken out
of the queue and given a `MailHandoff` row each, in one transaction). Then, per email, one
commit marks it attempted just before its SMTP call (`mail_attempt`) and the server's answer
settles it:

- accepted: recorded as sent (`mail_sent`) in the same commit as the next email's mark, so
  each email costs one commit (the disk's wait for it is most of a delivery's time);
- a temporary refusal (4xx, a dropped or silent connection): requeued with a backoff that
  doubles each time, failed after `POST_OFFICE["MAX_RETRIES"]`;
- a permanent refusal (5xx): failed at once, the address marked hard-bounced and suppressed
  for bulk mail (outbox/suppression.py), never retried;
- the connection lost after the whole message was handed over (`handed_over`): flagged
  `unknown` for staff at once, since the server may have taken it.

A worker that dies leaves handoffs in `sending`; after `MAIL_UNKNOWN_AFTER_SECONDS` the next
delivery run (`mail_recover`) settles each one: never attempted, the worker stopped before
handing it over, so the email goes back to the queue; attempted, nobody knows whether it went
out, so it is flagged `unknown` for staff instead of being sent again.

Any number of workers may run this at once: a claim skips the rows another worker is claiming,
and a worker marks only its own handoff, so one too slow to reach an email before it was
released skips it.
"""

import contextlib
import datetime
import logging
import smtplib
from collections import Counter
from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import Q, QuerySet, prefetch_related_objects
from django.db.models.functions import Now
from django.utils import timezone
from post_office.models import STATUS, Email, Log, RecipientDeliveryStatus
from post_office.settings import get_backend

from .models import MailCalendar, MailHandoff
from .suppression import suppress

logger = logging.getLogger(__name__)

QUEUED = (STATUS.queued, STATUS.requeued)
ROUNDS = 20  # batches per call at most; beat calls again
SENDING = MailHandoff.State.SENDING
UNKNOWN = (
    "Nobody knows whether this email went out: the delivery stopped after it was handed to "
    "the mail server. Check with the recipient before resending it."
)


def due_emails() -> QuerySet[Email]:
    now = timezone.now()
    return Email.objects.filter(
        Q(scheduled_time__lte=now) | Q(scheduled_time=None),
        Q(expires_at__gt=now) | Q(expires_at=None),
        status__in=QUEUED,
    )


def mail_claim(*, size: int) -> list[Email]:
    """Take up to `size` due emails out of the queue for this worker, in one transaction.

    Rows another worker is claiming are skipped (FOR UPDATE SKIP LOCKED), so workers running
    at once take distinct emails. Returns the rows as claimed, attachments and calendars
    read; each one's `claimed_at` is its handoff's `started_at`, by the database's clock.
    """
    now = timezone.now()
    with transaction.atomic():
        emails = list(
            due_emails()
            .select_for_update(skip_locked=True)
            .annotate(claimed_at=Now())
            .order_by("-priority", "pk")[:size]
        )
        if not emails:
            return []
        Email.objects.filter(pk__in=[email.pk for email in emails]).update(
            status=None, last_updated=now
        )
        # One INSERT ... ON CONFLICT UPDATE: a row left from an earlier refusal is reused.
        MailHandoff.objects.bulk_create(
            [
                MailHandoff(email_id=email.pk, state=SENDING, started_at=email.claimed_at)
                for email in emails
            ],
            update_conflicts=True,
            unique_fields=["email"],
            update_fields=["state", "started_at", "attempted_at", "detail"],
        )
    for email in emails:
        email.status, email.last_updated = None, now
    prefetch_related_objects(emails, "attachments", "calendars")
    return emails


def mail_attempt(*, email: Email) -> bool:
    """Mark a claimed email as about to be handed to the server. False if its handoff is no
    longer this worker's (`mail_recover` released it meanwhile): then it must not be sent."""
    handoff = MailHandoff.objects.filter(
        email_id=email.pk, started_at=email.claimed_at, state=SENDING, attempted_at=None
    )
    return handoff.update(attempted_at=timezone.now()) == 1


def mail_sent(*, email: Email) -> None:
    Email.objects.filter(pk=email.pk).update(status=STATUS.sent, last_updated=timezone.now())
    MailHandoff.objects.filter(email_id=email.pk).delete()


def smtp_code(exc: Exception) -> int | None:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return min(code for code, _ in exc.recipients.values())
    return getattr(exc, "smtp_code", None)


def refused_addresses(email: Email, exc: Exception) -> list[str]:
    """Who a permanent refusal was about: each recipient refused with a 5xx, or the only
    recipient of a message refused after DATA; never anyone when the sender was refused."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return [address for address, (code, _) in exc.recipients.items() if 500 <= code < 600]
    if isinstance(exc, smtplib.SMTPDataError) and len(email.to) == 1:
        return list(email.to)
    return []


def retry_delay(retries: int) -> datetime.timedelta:
    """RETRY_INTERVAL, then twice that, four times..."""
    return settings.POST_OFFICE["RETRY_INTERVAL"] * (2**retries)


@transaction.atomic
def mail_settle(*, email: Email, exc: Exception, unknown: bool = False) -> str:
    """Record why the server did not take a claimed email; returns the outcome.

    `unknown`: the connection was lost after the whole message was handed over."""
    now = timezone.now()
    emails = Email.objects.filter(pk=email.pk)
    detail = f"{type(exc).__name__}: {exc}"[:2000]
    Log.objects.create(
        email_id=email.pk, status=STATUS.failed, message=detail, exception_type=type(exc).__name__
    )
    if unknown:
        mark_unknown(email_id=email.pk, detail=f"{UNKNOWN} ({detail})")
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
        suppress(addresses=refused_addresses(email, exc), detail=detail, email_id=email.pk)
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


def handed_over(smtp: BaseEmailBackend, exc: Exception) -> bool:
    """Whether a failed send lost the connection after the whole message was handed over.

    Read right after send_messages raised: it leaves open a connection it did not open, and
    outbox.backends' connection tracks what it sent; other backends never say so."""
    return isinstance(exc, OSError) and getattr(
        getattr(smtp, "connection", None), "body_sent", False
    )


def calendar_part(calendar: MailCalendar) -> MIMEText:
    """An inline text/calendar part whose `method` tells calendar apps to add, update or
    remove the event by themselves (RFC 6047), rather than offer a file to import."""
    part = MIMEText(calendar.text, "calendar", "utf-8")
    part.set_param("method", calendar.method)
    return part


def mail_message(email: Email) -> EmailMessage:
    """The message post_office builds from the row, with the email's calendars."""
    message = email.email_message()
    for calendar in email.calendars.all():
        if calendar.method:
            message.attach(calendar_part(calendar))
        else:
            message.attach(calendar.filename, calendar.text, calendar.mimetype)
    return message


def mail_deliver(*, emails: list[Email], smtp: BaseEmailBackend) -> Counter:
    """Send claimed emails one by one, each marked attempted just before its SMTP call."""
    outcomes: Counter = Counter()
    accepted = None  # taken by the server, recorded with the next email's mark
    for email in emails:
        with transaction.atomic():
            if accepted is not None:
                mail_sent(email=accepted)
                accepted = None
            attempt = mail_attempt(email=email)
        if not attempt:
            outcomes["skipped"] += 1
            continue
        try:
            message = mail_message(email)
            if message.recipients():
                # Opened here, not by send_messages (which would close it again after one
                # email): one connection serves the whole batch. A no-op while it is open.
                smtp.open()
                smtp.send_messages([message])
        except Exception as exc:  # noqa: BLE001 - every failure is recorded on the row
            logger.warning("Email #%s not delivered: %s", email.pk, exc)
            unknown = handed_over(smtp, exc)
            with contextlib.suppress(Exception):
                smtp.close()  # a broken or silent connection is not reused
            outcomes[mail_settle(email=email, exc=exc, unknown=unknown)] += 1
        else:
            accepted = email
            outcomes["sent"] += 1
    if accepted is not None:
        with transaction.atomic():
            mail_sent(email=accepted)
    return outcomes


def mark_unknown(*, email_id: int, detail: str) -> None:
    MailHandoff.objects.filter(email_id=email_id).update(
        state=MailHandoff.State.UNKNOWN, detail=detail
    )
    Email.objects.filter(pk=email_id, status=None).update(
        status=STATUS.failed,
        recipient_delivery_status=RecipientDeliveryStatus.UNDETERMINED_BOUNCED,
        last_updated=timezone.now(),
    )


def mail_recover() -> Counter:
    """Settle handoffs a stopped worker left in `sending`: back to the queue if never attempted,
    else `unknown` for staff, never resent on a guess (see the module docstring)."""
    outcomes: Counter = Counter()
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.MAIL_UNKNOWN_AFTER_SECONDS)
    # Timed from the claim until the email is attempted, then from its attempt: the last
    # emails of a long batch are handed over well after the claim.
    stuck = MailHandoff.objects.filter(
        Q(attempted_at=None, started_at__lt=cutoff) | Q(attempted_at__lt=cutoff), state=SENDING
    )
    email_ids = list(stuck.values_list("email_id", flat=True))
    for email_id in email_ids:
        with transaction.atomic():
            # Locked and read again: a worker's mark racing this sweep has committed by now,
            # and two sweeps at once settle it once.
            handoff = stuck.select_for_update().filter(email_id=email_id).first()
            if handoff is None:
                continue
            if handoff.attempted_at is None:
                handoff.delete()
                Email.objects.filter(pk=email_id, status=None).update(
                    status=STATUS.requeued, last_updated=timezone.now()
                )
                outcomes["released"] += 1
                continue
            mark_unknown(email_id=email_id, detail=UNKNOWN)
            Log.objects.create(
                email_id=email_id, status=STATUS.failed, message=UNKNOWN, exception_type="Unknown"
            )
            outcomes["unknown"] += 1
    if outcomes["released"]:
        logger.warning(
            "%s email(s) a stopped worker never sent: queued again", outcomes["released"]
        )
    if outcomes["unknown"]:
        logger.error("%s email(s) flagged for staff: delivery outcome unknown", outcomes["unknown"])
    return outcomes


def mail_deliver_queued() -> Counter:
    """Deliver every email due now; safe to run in any number of workers at once."""
    outcomes = mail_recover()
    smtp = get_connection(get_backend("default"), fail_silently=False)
    size = settings.POST_OFFICE.get("BATCH_SIZE", 100)
    try:
        for _ in range(ROUNDS):
            emails = mail_claim(size=size)
            outcomes.update(mail_deliver(emails=emails, smtp=smtp))
            if len(emails) < size:
                break
    finally:
        with contextlib.suppress(Exception):
            smtp.close()
    return outcomes
