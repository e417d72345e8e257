"""A kind word to partners who fall behind: one email per episode of missed months.

An episode starts with the first month missed after the last month kept (or after joining);
it ends when the organization takes part again or is excused. The CareEmail row, unique per
(organization, episode start), is written before the emails are queued, in their transaction.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext

from members.models import Membership, Organization
from outbox.emails import queue_emails
from outbox.suppression import suppressed

from .emails import reminder_upcoming, unsubscribe_headers, unsubscribe_url
from .models import Activity, CareEmail, PauseRequest, PledgePause, month, next_month
from .status import organizations_at_risk


def _episode_starts(
    organizations: list[Organization], current: datetime.date
) -> dict[int, datetime.date]:
    """Per organization, the first month of its current run of missed months (two queries)."""
    ids = [org.pk for org in organizations]
    last_active = dict(
        Activity.objects.filter(organization_id__in=ids, occurred_on__lt=current)
        .values("organization_id")
        .annotate(last=Max("occurred_on"))
        .values_list("organization_id", "last")
    )
    last_paused = dict(
        PledgePause.objects.filter(organization_id__in=ids, month__lt=current)
        .values("organization_id")
        .annotate(last=Max("month"))
        .values_list("organization_id", "last")
    )
    starts = {}
    for org in organizations:
        kept = [
            next_month(month(day))
            for day in (last_active.get(org.pk), last_paused.get(org.pk))
            if day
        ]
        starts[org.pk] = max([month(org.joined_on), *kept])
    return starts


def care_due(today: datetime.date) -> list[tuple[Organization, datetime.date]]:
    """(organization, episode start) for each organization at risk not yet written to in
    this episode; never one excused this month or waiting for an answer to its request."""
    current = month(today)
    excused_now = PledgePause.objects.filter(organization=OuterRef("pk"), month=current)
    asking = PauseRequest.objects.filter(
        organization=OuterRef("pk"), status=PauseRequest.Status.PENDING
    )
    organizations = list(
        organizations_at_risk(today=today)
        .filter(~Exists(excused_now), ~Exists(asking))
        .only("pk", "name", "joined_on")
        .order_by("pk")
    )
    starts = _episode_starts(organizations, current)
    written = set(
        CareEmail.objects.filter(organization__in=organizations).values_list(
            "organization_id", "episode_start"
        )
    )
    return [
        (org, starts[org.pk]) for org in organizations if (org.pk, starts[org.pk]) not in written
    ]


@transaction.atomic
def care_send_one(
    *, organization: Organization, episode_start: datetime.date, today: datetime.date
) -> bool:
    """Claim the episode and queue the email to the organization's admins; False when
    another sweep claimed it first."""
    try:
        with transaction.atomic():
            care = CareEmail.objects.create(organization=organization, episode_start=episode_start)
    except IntegrityError:
        return False
    admins = [
        m.user
        for m in Membership.objects.filter(
            organization=organization, role=Membership.Role.ADMIN, user__is_active=True
        )
        .exclude(user__email_preference__reminders=False)
        .exclude(suppressed("user__email"))
        .select_related("user")
        .order_by("user__email")
    ]
    root = settings.SITE_ROOT
    shared = {
        "organization": organization,
        "upcoming": reminder_upcoming(month(today)),
        "log_url": root + reverse("pledges:activity_new"),
        "excuse_url": root + reverse("pledges:pause_request"),
        "contact_email": settings.COALITION_CONTACT_EMAIL,
    }
    emails = queue_emails(
        [
            {
                "name": "care",
                "to": user.email,
                "language": user.language,
                "context": {**shared, "user": user, "unsubscribe_url": unsubscribe_url(user)},
                "headers": unsubscribe_headers(user, "reminders"),
            }
            for user in admins
        ]
    )
    care.recipients = "\n".join(user.email for user in admins)
    care.save(update_fields=["recipients"])
    care.emails.add(*emails)
    return True


def care_sweep(*, today: datetime.date) -> int:
    return sum(
        care_send_one(organization=org, episode_start=start, today=today)
        for org, start in care_due(today)
    )


def _missed_cell(organization_id: int, missed: int, ask_after: int) -> str:
    """After `ask_after` missed months, staff are asked (never the software deciding)
    whether to pause the partnership."""
    if missed < ask_after:
        return str(missed)
    add = reverse("admin:members_partnershipchange_add")
    return format_html(
        '{} <a href="{}?organization={}&amp;change=pause">{}</a>',
        missed,
        add,
        organization_id,
        gettext("Time to ask about pausing?"),
    )


def care_table(months: list[datetime.date]) -> dict | None:
    """For the coalition-health page: who was written to, when, and the staff follow-up."""
    if not months:
        return None
    since = datetime.datetime.combine(
        months[0], datetime.time(), tzinfo=timezone.get_current_timezone()
    )
    cares = CareEmail.objects.filter(created_at__gte=since).select_related("organization")[:50]
    ask_after = settings.PARTNERSHIP_PAUSE_ASK_AFTER_MONTHS
    current = months[-1]
    rows = []
    for care in cares:
        missed = (
            (current.year - care.episode_start.year) * 12 + current.month - care.episode_start.month
        )
        link = reverse("admin:pledges_careemail_change", args=[care.pk])
        rows.append(
            [
                format_html('<a href="{}">{}</a>', link, care.organization.name),
                date_format(timezone.localtime(care.created_at), "DATE_FORMAT"),
                _missed_cell(care.organization_id, missed, ask_after),
                care.follow_up or gettext("None noted yet"),
            ]
        )
    return {
        "heading": gettext("Partners we wrote to"),
        "caption": gettext(
            "Care emails to organizations that missed two months in a row, newest first"
        ),
        "columns": [
            gettext("Organization"),
            gettext("Written to"),
            gettext("Months missed"),
            gettext("Staff follow-up"),
        ],
        "rows": rows,
    }
