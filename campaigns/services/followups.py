"""Minutes emails, day-before call reminders and coalition updates by email.

Each is claimed by a row (campaigns.models.followups) in the transaction that queues its
emails; the task that sends it and the beat sweep that catches up can both run twice."""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Organization, User
from outbox.emails import queue_emails
from outbox.models import MailCalendar
from outbox.suppression import suppressed
from pledges.emails import unsubscribe_headers, unsubscribe_url

from ..calendar import call_ics
from ..models import (
    CallMinutesEmail,
    CallReminder,
    CallRSVP,
    CoalitionUpdate,
    StrategyCall,
    UpdateEmailing,
)
from .calls import call_email_recipients

# --- Minutes --------------------------------------------------------------------------


@transaction.atomic
def call_minutes_email(*, call: StrategyCall, by: User | None) -> bool:
    """Claim the call's one minutes email; False when it was already claimed."""
    if call.status != StrategyCall.Status.PUBLISHED or not call.minutes.strip():
        raise ValueError(_("Only a published call with minutes written can have them emailed."))
    claim, created = CallMinutesEmail.objects.get_or_create(
        call=call, defaults={"requested_by": by}
    )
    if created:
        from ..tasks import send_call_minutes

        send_call_minutes.delay_on_commit(claim.pk)
    return created


@transaction.atomic
def minutes_send(*, minutes_email_id: int) -> int:
    """Queue the minutes to everyone who keeps call emails on, once."""
    claim = (
        CallMinutesEmail.objects.select_for_update()
        .select_related("call")
        .filter(pk=minutes_email_id, sent_at__isnull=True)
        .first()
    )
    if claim is None:
        return 0
    call = claim.call
    context = {
        "call": call,
        "call_url": settings.SITE_ROOT + call.get_absolute_url(),
        "preferences_url": settings.SITE_ROOT + reverse("pledges:email_preferences"),
    }
    messages = [
        {
            "name": "call_minutes",
            "to": user.email,
            "language": user.language,
            "context": {
                **context,
                "recipient": user,
                "unsubscribe_url": unsubscribe_url(user, "call_emails"),
            },
            "headers": unsubscribe_headers(user, "call_emails"),
        }
        for user in call_email_recipients().iterator()
    ]
    claim.recipient_count = len(queue_emails(messages))
    claim.sent_at = timezone.now()
    claim.save(update_fields=["recipient_count", "sent_at"])
    return claim.recipient_count


# --- The day-before reminder ----------------------------------------------------------

REMINDER_AHEAD = datetime.timedelta(hours=24)


def call_reminders_due(now: datetime.datetime) -> list[int]:
    """Published calls starting within a day: their attendees are owed a reminder."""
    return list(
        StrategyCall.objects.published()
        .filter(starts_at__gt=now, starts_at__lte=now + REMINDER_AHEAD)
        .values_list("pk", flat=True)
    )


@transaction.atomic
def call_reminders_send(*, call_id: int) -> int:
    """Remind each person who said they will attend and keeps call emails on, once.

    The call row is locked first, so a second sweep waits and then finds the rows written."""
    call = StrategyCall.objects.select_for_update().filter(pk=call_id).first()
    if call is None or call.status != StrategyCall.Status.PUBLISHED:
        return 0
    reminded = CallReminder.objects.filter(call=call).values("user_id")
    users = [
        rsvp.user
        for rsvp in CallRSVP.objects.filter(
            call=call,
            attending=True,
            user__is_active=True,
            organization__status=Organization.Status.ACTIVE,
        )
        .exclude(user__email_preference__call_emails=False)
        .exclude(suppressed("user__email"))
        .exclude(user_id__in=reminded)
        .select_related("user")
        .order_by("user_id")
    ]
    if not users:
        return 0
    context = {
        "call": call,
        "agenda": list(call.agenda_items.all()),
        "call_url": settings.SITE_ROOT + call.get_absolute_url(),
        "preferences_url": settings.SITE_ROOT + reverse("pledges:email_preferences"),
    }
    messages = [
        {
            "name": "call_reminder",
            "to": user.email,
            "language": user.language,
            "context": {
                **context,
                "recipient": user,
                "unsubscribe_url": unsubscribe_url(user, "call_emails"),
            },
            "headers": unsubscribe_headers(user, "call_emails"),
        }
        for user in users
    ]

    def calendar() -> MailCalendar:
        return MailCalendar(
            filename="strategy-call.ics", text=call_ics(call).decode(), mimetype="text/calendar"
        )

    emails = queue_emails(messages, calendar=calendar)
    CallReminder.objects.bulk_create(
        CallReminder(call=call, user=user, email=email)
        for user, email in zip(users, emails, strict=True)
    )
    return len(emails)


# --- Coalition updates by email -------------------------------------------------------


def update_emails_due(now: datetime.datetime | None = None) -> list[int]:
    return list(
        CoalitionUpdate.objects.published(now)
        .filter(send_by_email=True, emailing__isnull=True)
        .values_list("pk", flat=True)
    )


def update_email_recipients():
    """People of active partners who did not turn coalition update emails off, at an address
    that did not bounce."""
    return (
        User.objects.filter(
            is_active=True, membership__organization__status=Organization.Status.ACTIVE
        )
        .exclude(email_preference__updates=False)
        .exclude(suppressed("email"))
        .order_by("pk")
    )


@transaction.atomic
def update_email_send(*, update_id: int) -> int:
    """Email a published update once to everyone who did not opt out of updates."""
    update = (
        CoalitionUpdate.objects.published()
        .select_for_update()
        .filter(pk=update_id, send_by_email=True)
        .first()
    )
    if update is None or UpdateEmailing.objects.filter(update=update).exists():
        return 0
    claim = UpdateEmailing.objects.create(update=update)
    page = settings.SITE_ROOT + update.get_absolute_url()
    context = {
        "update": update,
        "copy_url": f"{page}#copy-{update.pk}",
        "shared_url": f"{page}#share-heading",
        "preferences_url": settings.SITE_ROOT + reverse("pledges:email_preferences"),
    }
    messages = [
        {
            "name": "coalition_update",
            "to": user.email,
            "language": user.language,
            "context": {
                **context,
                "recipient": user,
                "unsubscribe_url": unsubscribe_url(user, "updates"),
            },
            "headers": unsubscribe_headers(user, "updates"),
        }
        for user in update_email_recipients().iterator()
    ]
    claim.recipient_count = len(queue_emails(messages))
    claim.save(update_fields=["recipient_count"])
    return claim.recipient_count
