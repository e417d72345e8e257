import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, OuterRef

from members.models import Membership, Organization, User

from .emails import queue_reminder
from .models import Activity, Reminder, month
from .status import organizations_not_met


@transaction.atomic
def activity_credit(
    *,
    organization: Organization,
    on: datetime.date,
    kind: Activity.Kind,
    source: models.Model,
    summary: str,
    link: str = "",
) -> Activity:
    """Credit `organization`'s pledge for the month holding `on`, citing `source`.

    The one way other apps credit a pledge. A source credits once: calling this again
    for the same source returns the existing credit and changes nothing.
    """
    source_type = ContentType.objects.get_for_model(source)
    existing = Activity.objects.filter(source_type=source_type, source_id=source.pk).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return Activity.objects.create(
                organization=organization,
                kind=kind,
                occurred_on=on,
                summary=summary,
                link=link,
                source_type=source_type,
                source_id=source.pk,
            )
    except IntegrityError:
        # Another transaction credited the same source a moment ago.
        return Activity.objects.get(source_type=source_type, source_id=source.pk)


@transaction.atomic
def activity_uncredit(*, source: models.Model) -> None:
    """Take back the credit `source` gave, if any (attendance removed, for example)."""
    source_type = ContentType.objects.get_for_model(source)
    Activity.objects.filter(source_type=source_type, source_id=source.pk).delete()


# --- Reminders ---------------------------------------------------------------------------


def reminder_day(first: datetime.date, stage: str) -> datetime.date:
    """The day `stage` is due in the month starting `first` (settings.PLEDGE_REMINDER_DAYS).

    A positive setting is a day of the month; a negative one counts back from its last day.
    """
    last_day = calendar.monthrange(first.year, first.month)[1]
    day = settings.PLEDGE_REMINDER_DAYS[stage]
    day = last_day + day if day < 0 else day
    return first.replace(day=min(max(day, 1), last_day))


def reminder_stage_due(today: datetime.date) -> str | None:
    """The latest stage whose day has come this month; a missed beat day catches up later."""
    first = month(today)
    for stage in (Reminder.Stage.LAST, Reminder.Stage.FIRST):
        if today >= reminder_day(first, stage):
            return stage
    return None


def reminder_recipients(organization: Organization) -> list[User]:
    """Those who receive reminders, or else the admins; never anyone who opted out."""
    people = list(
        Membership.objects.filter(organization=organization, user__is_active=True)
        .exclude(user__email_preference__reminders=False)
        .select_related("user")
        .order_by("user__email")
    )
    chosen = [m.user for m in people if m.receives_reminders]
    return chosen or [m.user for m in people if m.is_admin]


def reminders_due(*, first: datetime.date, stage: str):
    """Organizations still owed `stage` for the month: not met, not excused, not yet sent."""
    sent = Reminder.objects.filter(organization=OuterRef("pk"), month=first, stage=stage)
    return organizations_not_met(first).filter(~Exists(sent)).order_by("pk")


@transaction.atomic
def reminder_send(
    *, organization: Organization, first: datetime.date, stage: str, today: datetime.date
) -> Reminder | None:
    """Claim (organization, month, stage) and queue its emails; None if already claimed.

    The row and the queued emails commit together, so a crash leaves either both or
    neither, and post_office retries whatever could not be delivered.
    """
    if not organizations_not_met(first).filter(pk=organization.pk).exists():
        return None
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(organization=organization, month=first, stage=stage)
    except IntegrityError:
        return None  # another sweep claimed it first
    users = reminder_recipients(organization)
    emails = [
        queue_reminder(user=user, organization=organization, first=first, stage=stage, today=today)
        for user in users
    ]
    reminder.recipients = "\n".join(user.email for user in users)
    reminder.save(update_fields=["recipients"])
    reminder.emails.set(emails)
    return reminder


@dataclass
class SweepItem:
    organization: Organization
    recipients: list[str]
    sent: bool


def reminder_sweep(
    *, first: datetime.date, stage: str, today: datetime.date, dry_run: bool = False
) -> list[SweepItem]:
    """Send `stage` to every organization owed it; each one in its own transaction."""
    items = []
    for organization in list(reminders_due(first=first, stage=stage)):
        if dry_run:
            emails = [user.email for user in reminder_recipients(organization)]
            items.append(SweepItem(organization, emails, sent=False))
            continue
        reminder = reminder_send(organization=organization, first=first, stage=stage, today=today)
        if reminder is not None:
            items.append(SweepItem(organization, reminder.recipients.split(), sent=True))
    return items
