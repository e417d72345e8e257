"""Drafting a call's agenda from what the portal knows: last call's standing items, the
initiatives staff verified since, the days of action ahead and the practices accepted since.
Every drafted item says where it came from; staff keep, reorder or delete it."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from ..models import AgendaItem, DayOfAction, Initiative, Practice, StrategyCall
from .calls import same_weekday_next_month

PRIORITY_ORDER = {
    Initiative.Priority.HIGH: 0,
    Initiative.Priority.MEDIUM: 1,
    Initiative.Priority.LOW: 2,
}
STEP = 10  # room between positions, so staff can move an item without renumbering


def previous_call(call: StrategyCall) -> StrategyCall | None:
    return (
        StrategyCall.objects.exclude(pk=call.pk)
        .exclude(status=StrategyCall.Status.CANCELLED)
        .filter(starts_at__lt=call.starts_at)
        .order_by("-starts_at")
        .first()
    )


def _day(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "F j")


def _initiative_items(since: datetime.datetime | None, until: datetime.datetime) -> list[dict]:
    initiatives = Initiative.objects.filter(
        review_state=Initiative.ReviewState.VERIFIED, verified_at__lt=until
    ).prefetch_related("topics")
    if since is not None:
        initiatives = initiatives.filter(verified_at__gte=since)
    rows = []
    for initiative in initiatives:
        topics = sorted(initiative.topics.all(), key=lambda t: (t.position, t.name))
        group = topics[0] if topics else None
        rows.append((group, initiative))
    rows.sort(
        key=lambda row: (
            row[0] is None,
            (row[0].position, row[0].name) if row[0] else (0, ""),
            PRIORITY_ORDER.get(row[1].priority, 3),
            row[1].title.lower(),
        )
    )
    return [
        {
            "topic": f"{group.name}: {initiative.title}"
            if group
            else _("Legislation: %(title)s") % {"title": initiative.title},
            "drafted_from": f"Initiative verified on {_day(initiative.verified_at)}"
            + (
                f", {initiative.get_priority_display().lower()} priority"
                if initiative.priority
                else ""
            ),
            "initiative": initiative,
        }
        for group, initiative in rows
    ]


def _day_items(call: StrategyCall) -> list[dict]:
    until = same_weekday_next_month(call.starts_at).date()
    days = DayOfAction.objects.published().filter(date__gte=call.local_date, date__lt=until)
    return [
        {
            "topic": _("Day of action: %(title)s") % {"title": day.title},
            "drafted_from": f"Day of action on {date_format(day.date, 'F j')}",
        }
        for day in days.order_by("date", "pk")
    ]


def _practice_items(since: datetime.datetime | None, until: datetime.datetime) -> list[dict]:
    practices = Practice.objects.filter(status=Practice.Status.ACCEPTED, decided_at__lt=until)
    if since is not None:
        practices = practices.filter(decided_at__gte=since)
    return [
        {
            "topic": _("Best practice: %(title)s") % {"title": practice.title},
            "drafted_from": f"Practice accepted on {_day(practice.decided_at)}",
            "practice": practice,
        }
        for practice in practices.order_by("decided_at", "pk")
    ]


@transaction.atomic
def agenda_draft(*, call: StrategyCall, previous: StrategyCall | None = None) -> list[AgendaItem]:
    """Add the drafted items after the call's own; returns them in order."""
    previous = previous or previous_call(call)
    since = previous.starts_at if previous else None
    specs: list[dict] = []
    if previous and not call.agenda_items.filter(standing=True).exists():
        for item in previous.agenda_items.filter(standing=True).order_by("position", "pk"):
            specs.append(
                {
                    "topic": item.topic,
                    "presenter": item.presenter,
                    "minutes_allotted": item.minutes_allotted,
                    "notes": item.notes,
                    "standing": True,
                    "drafted_from": "Standing item",
                }
            )
    specs += _initiative_items(since, call.starts_at)
    specs += _day_items(call)
    specs += _practice_items(since, call.starts_at)
    last = call.agenda_items.order_by("-position").values_list("position", flat=True).first() or 0
    items = []
    for n, spec in enumerate(specs, start=1):
        initiative = spec.pop("initiative", None)
        practice = spec.pop("practice", None)
        item = AgendaItem.objects.create(call=call, position=last + n * STEP, **spec)
        if initiative:
            item.initiatives.add(initiative)
        if practice:
            item.practices.add(practice)
        items.append(item)
    return items
