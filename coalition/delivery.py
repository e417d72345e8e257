"""Delivering queued emails so that no message goes out twice.

django-post-office marks an email sent only after the SMTP call returns, so a worker killed
mid-send would leave the row queued and the next sweep would send it again. Here a worker
first takes a batch of due emails out of the queue (`mail_claim`: a conditional update plus a
`MailHandoff` row each, one durable commit). Then, per email, one statement records the
previous email as sent and marks this one attempted just before its SMTP call
(`mail_progress`), and the server's answer settles it:

- accepted: sent (recorded with the next email's mark);
- a temporary refusal (4xx, a dropped or silent connection): requeued with a backoff that
  doubles each time, failed after `POST_OFFICE["MAX_RETRIES"]`;
- a permanent refusal (5xx): failed at once, the address marked hard-bounced, never retried;
- the whole message handed over but no answer (`mail_backend.OutcomeUnknown`): flagged
  `unknown` for staff at once, since the server may have taken it.

The per-email statement commits without waiting for the disk (`synchronous_commit = off`:
one cheap commit per email instead of two fsyncs). Such a commit survives any crash of the
worker; only a crash of the PostgreSQL server can lose the last fraction of a second of them.
A worker that dies leaves handoffs in `sending`; after `MAIL_UNKNOWN_AFTER_SECONDS` the next
delivery run (`mail_recover`) settles each one:

- never attempted: the worker stopped before handing it over, so the email goes back to the
  queue and is sent normally;
- attempted: nobody knows whether it went out, so it is flagged `unknown` for staff instead of
  being sent again;
- claimed before the database server last started or recovered from a crash: its mark may be
  among the lost commits, so it is flagged `unknown` too, attempted or not.

Any number of workers may run this at once: a claim skips the rows another worker is claiming,
and a worker marks only its own handoff, so one too slow to reach an email before it was
released skips it.
"""

import contextlib
import datetime
import logging
import smtplib
from collections import Counter

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import Q, prefetch_related_objects
from django.db.models.functions import Now
from django.utils import timezone
from post_office.models import STATUS, Email, Log, RecipientDeliveryStatus
from post_office.settings import get_backend

from .mail_backend import OutcomeUnknown
from .models import MailHandoff

logger = logging.getLogger(__name__)

QUEUED = (STATUS.queued, STATUS.requeued)
ROUNDS = 20  # batches per call at most; beat calls again
SENDING = MailHandoff.State.SENDING


def due_emails():
    now = timezone.now()
    return Email.objects.filter(
        Q(scheduled_time__lte=now) | Q(scheduled_time=None),
        Q(expires_at__gt=now) | Q(expires_at=None),
        status__in=QUEUED,
    )


def mail_claim(*, size: int) -> list[Email]:
    """Take up to `size` due emails out of the queue for this worker, in one durable commit.

    Rows another worker is claiming are skipped (FOR UPDATE SKIP LOCKED), so workers running
    at once take distinct emails. Returns the rows as claimed, attachments read; each one's
    `claimed_at` is its handoff's `started_at`, by the database's clock.
    """
    now = timezone.now()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # durable even if the server's default is off
                cursor.execute("SET LOCAL synchronous_commit = on")
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
    prefetch_related_objects(emails, "attachments")
    return emails


PROGRESS_SQL = """
WITH sent AS (
    UPDATE post_office_email SET status = %(sent_status)s, last_updated = %(now)s
    WHERE id = %(sent)s
), settled AS (
    DELETE FROM coalition_mailhandoff WHERE email_id = %(sent)s
)
UPDATE coalition_mailhandoff SET attempted_at = %(now)s
WHERE email_id = %(attempt)s AND started_at = %(started_at)s AND state = %(sending)s
    AND attempted_at IS NULL
"""
# Sent with the statement in one Query message, which PostgreSQL runs as one transaction: its
# commit does not wait for the disk, and the setting ends with it (no session state, safe
# behind PgBouncer). Inside an atomic block it would cover the whole transaction: left out.
NO_WAIT = "SET LOCAL synchronous_commit = off; "


def mail_progress(*, sent: Email | None = None, attempt: Email | None = None) -> bool:
    """Record `sent` as delivered and mark `attempt` as about to be handed to the server, in
    one statement: one round trip per email. False if `attempt`'s handoff is no longer this
    worker's (`mail_recover` released it meanwhile): then it must not be sent."""
    now = timezone.now()
    if connection.vendor != "postgresql":  # the SQLite demo: the same in three statements
        with transaction.atomic():
            if sent:
                Email.objects.filter(pk=sent.pk).update(status=STATUS.sent, last_updated=now)
                MailHandoff.objects.filter(email_id=sent.pk).delete()
            if attempt is None:
                return False
            handoff = MailHandoff.objects.filter(
                email_id=attempt.pk, started_at=attempt.claimed_at, state=SENDING
            )
            return bool(handoff.filter(attempted_at=None).update(attempted_at=now))
    sql = PROGRESS_SQL if connection.in_atomic_block else NO_WAIT + PROGRESS_SQL
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "sent_status": STATUS.sent,
                "now": now,
                "sent": sent and sent.pk,
                "attempt": attempt and attempt.pk,
                "started_at": attempt and attempt.claimed_at,
                "sending": SENDING,
            },
        )
        return cursor.rowcount == 1


def smtp_code(exc: Exception) -> int | None:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return min(code for code, _ in exc.recipients.values())
    return getattr(exc, "smtp_code", None)


def retry_delay(retries: int) -> datetime.timedelta:
    """RETRY_INTERVAL, then twice that, four times..."""
    return settings.POST_OFFICE["RETRY_INTERVAL"] * (2**retries)


@transaction.atomic
def mail_settle(*, email: Email, exc: Exception) -> str:
    """Record why the server did not take a claimed email; returns the outcome."""
    now = timezone.now()
    emails = Email.objects.filter(pk=email.pk)
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


def mail_send(*, email: Email, smtp) -> Exception | None:
    """Hand one email to the server; returns what it failed with, if it did."""
    try:
        message = email.email_message()
        if message.recipients():
            # Opened here, not by send_messages (which would close it again after one email):
            # one connection serves the whole batch. A no-op while it is open.
            smtp.open()
            smtp.send_messages([message])
    except Exception as exc:  # noqa: BLE001 - every failure is recorded on the row
        logger.warning("Email #%s not delivered: %s", email.pk, exc)
        with contextlib.suppress(Exception):
            smtp.close()  # a broken or silent connection is not reused
        return exc
    return None


def mail_deliver(*, emails: list[Email], smtp) -> Counter:
    """Send claimed emails one by one, each marked attempted just before its SMTP call."""
    outcomes: Counter = Counter()
    accepted = None  # taken by the server, recorded with the next email's mark
    for email in emails:
        attempt = mail_progress(sent=accepted, attempt=email)
        accepted = None
        if not attempt:
            outcomes["skipped"] += 1
            continue
        exc = mail_send(email=email, smtp=smtp)
        if exc is None:
            accepted = email
            outcomes["sent"] += 1
        else:
            outcomes[mail_settle(email=email, exc=exc)] += 1
    if accepted:
        mail_progress(sent=accepted)
    return outcomes


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


def server_started_at() -> datetime.datetime | None:
    """Since when the database server has kept every commit: its start, or its last recovery
    from a crash. Commits made with synchronous_commit off before then may be lost."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        # A crashed backend makes the server replay the WAL without a new postmaster start
        # time, but that recovery resets the WAL statistics: take the later of the two.
        cursor.execute(
            "SELECT greatest(pg_postmaster_start_time(), (SELECT stats_reset FROM pg_stat_wal))"
        )
        return cursor.fetchone()[0]


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
    if not email_ids:
        return outcomes
    kept_since = server_started_at()
    for email_id in email_ids:
        with transaction.atomic():
            # Locked and read again: a worker's mark racing this sweep has committed by now,
            # and two sweeps at once settle it once.
            handoff = stuck.select_for_update().filter(email_id=email_id).first()
            if handoff is None:
                continue
            if handoff.attempted_at is None and (
                kept_since is None or handoff.started_at > kept_since
            ):
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
