"""Panels for the member dashboard, composed at the project level (see coalition/)."""

from django.db.models import Count
from django.utils import timezone

from members.models import Membership

from .models import CoalitionUpdate, DayOfAction, StrategyCall

AGENDA_PREVIEW = 3
DAYS_SHOWN = 3
UPDATES_SHOWN = 3


def next_call_panel(membership: Membership | None) -> dict | None:
    """The next published call with its first agenda items; None when none is planned."""
    call = (
        StrategyCall.objects.published()
        .upcoming()
        .annotate(agenda_count=Count("agenda_items"))
        .first()
    )
    if call is None:
        return None
    agenda = list(call.agenda_items.all()[:AGENDA_PREVIEW])
    return {"call": call, "agenda": agenda, "more_items": call.agenda_count - len(agenda)}


def days_of_action_panel(membership: Membership | None) -> dict | None:
    """Upcoming days of action and whether the organization recorded taking part."""
    today = timezone.localdate()
    days = list(DayOfAction.objects.published().upcoming(today)[:DAYS_SHOWN])
    if not days:
        return None
    return {"days": with_participation(days, membership, today)}


def with_participation(days: list[DayOfAction], membership: Membership | None, today) -> list:
    done: set[int] = set()
    if membership is not None:
        done = set(
            membership.organization.day_of_action_participations.filter(day__in=days).values_list(
                "day_id", flat=True
            )
        )
    return [
        {"day": day, "took_part": day.pk in done, "can_record": day.can_record(today)}
        for day in days
    ]


def updates_panel(membership: Membership | None) -> dict | None:
    """The latest coalition updates to pass on, and which ones the organization shared."""
    updates = list(CoalitionUpdate.objects.published()[:UPDATES_SHOWN])
    if not updates:
        return None
    shared: set[int] = set()
    if membership is not None:
        shared = set(
            membership.organization.update_shares.filter(update__in=updates).values_list(
                "update_id", flat=True
            )
        )
    return {"updates": [{"update": u, "shared": u.pk in shared} for u in updates]}
