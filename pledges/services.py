import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone, translation

from members.models import Membership, Organization, User
from outbox.emails import queue_emails
from outbox.suppression import suppressed

from .emails import reminder_context, reminder_message, reminder_upcoming
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
            activity = Activity.objects.create(
                organization=organization,
                kind=kind,
                occurred_on=on,
                summary=summary,
                link=link,
                source_type=source_type,
                source_id=source.pk,
            )
        return activity
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


def reminder_recipients_for(organization_ids: list[int]) -> dict[int, list[User]]:
    """Per organization, those who receive reminders, or else the admins; never anyone who
    opted out or whose address is suppressed after a hard bounce. One query for any number
    of organizations."""
    people: dict[int, list[Membership]] = {pk: [] for pk in organization_ids}
    memberships = (
        Membership.objects.filter(organization_id__in=organization_ids, user__is_active=True)
        .exclude(user__email_preference__reminders=False)
        .exclude(suppressed("user__email"))
        .select_related("user")
        .order_by("organization_id", "user__email")
    )
    for membership in memberships:
        people[membership.organization_id].append(membership)
    return {
        pk: [m.user for m in found if m.receives_reminders] or [m.user for m in found if m.is_admin]
        for pk, found in people.items()
    }


def reminders_due(*, first: datetime.date, stage: str):
    """Organizations still owed `stage` for the month: not met, not excused, not yet sent."""
    sent = Reminder.objects.filter(organization=OuterRef("pk"), month=first, stage=stage)
    # Only what the emails and the command's report use: the name.
    return organizations_not_met(first).filter(~Exists(sent)).only("pk", "name").order_by("pk")


@dataclass
class SweepItem:
    organization: Organization
    recipients: list[str]
    sent: bool


CLAIM_SQL = (
    "INSERT INTO pledges_reminder (organization_id, month, stage, recipients, created_at) "
    "VALUES {values} "
    "ON CONFLICT (organization_id, month, stage) DO NOTHING RETURNING organization_id, id"
)


def _reminder_claim(
    *, recipients: dict[int, list[User]], first: datetime.date, stage: str
) -> dict[int, int]:
    """Insert the claim rows; {organization id: reminder id} for those this call claimed.

    One INSERT ... ON CONFLICT DO NOTHING RETURNING: the unique constraint decides, so a row
    another sweep holds (even uncommitted: the insert waits for it) is simply not returned.
    """
    if not recipients:
        return {}
    ops = connection.ops
    row = "(%s, %s, %s, %s, %s)"
    params: list = []
    now, on = ops.adapt_datetimefield_value(timezone.now()), ops.adapt_datefield_value(first)
    for pk, users in recipients.items():
        params += [pk, on, stage, "\n".join(user.email for user in users), now]
    sql = CLAIM_SQL.format(values=", ".join([row] * len(recipients)))  # placeholders only
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


@transaction.atomic
def reminder_send_many(
    *,
    organizations: list[Organization],
    first: datetime.date,
    stage: str,
    today: datetime.date,
    upcoming: list[dict] | None = None,
) -> list[SweepItem]:
    """Claim (organization, month, stage) for each still owed it and queue their emails.

    The claim rows and the queued emails commit together, so a crash leaves either both or
    neither, and the delivery retries whatever could not be delivered. A constant number of
    queries for the whole batch.
    """
    by_pk = {org.pk: org for org in organizations}
    owed = organizations_not_met(first).filter(pk__in=list(by_pk)).values_list("pk", flat=True)
    recipients = reminder_recipients_for(sorted(owed))
    claimed = _reminder_claim(recipients=recipients, first=first, stage=stage)
    if upcoming is None:
        upcoming = reminder_upcoming(first)
    pairs = [(pk, user) for pk in sorted(claimed) for user in recipients[pk]]
    shared = {}  # worked out once per language among the recipients, in that language
    for language in {user.language for _, user in pairs}:
        with translation.override(language):
            shared[language] = reminder_context(
                first=first, stage=stage, today=today, upcoming=upcoming
            )
    emails = queue_emails(
        [
            reminder_message(user=user, organization=by_pk[pk], shared=shared[user.language])
            for pk, user in pairs
        ]
    )
    Reminder.emails.through.objects.bulk_create(
        Reminder.emails.through(reminder_id=claimed[pk], email_id=email.pk)
        for (pk, _), email in zip(pairs, emails, strict=True)
    )
    return [
        SweepItem(by_pk[pk], [user.email for user in recipients[pk]], sent=True)
        for pk in sorted(claimed)
    ]


SWEEP_BATCH = 200


def reminder_sweep(
    *, first: datetime.date, stage: str, today: datetime.date, dry_run: bool = False
) -> list[SweepItem]:
    """Send `stage` to every organization owed it, a batch per transaction."""
    due = list(reminders_due(first=first, stage=stage))
    items: list[SweepItem] = []
    upcoming = reminder_upcoming(first)  # the same for every organization this month
    for start in range(0, len(due), SWEEP_BATCH):
        batch = due[start : start + SWEEP_BATCH]
        if dry_run:
            recipients = reminder_recipients_for([org.pk for org in batch])
            items += [
                SweepItem(org, [user.email for user in recipients[org.pk]], sent=False)
                for org in batch
            ]
            continue
        items += reminder_send_many(
            organizations=batch, first=first, stage=stage, today=today, upcoming=upcoming
        )
    return items
