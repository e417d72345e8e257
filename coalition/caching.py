"""The key of the dashboard's coalition panels: what they show, in one narrow query.

The panels are kept through members.caching, which lists everything the portal caches.
"""

import datetime

from django.db.models import QuerySet, Value
from django.utils import timezone

from campaigns.dashboard import (
    latest_updates,
    next_call_html,
    shown_call,
    shown_days,
    shown_updates,
    upcoming_days,
)
from campaigns.models import AgendaItem, CoalitionUpdate, DayOfAction, StrategyCall
from members.caching import cached

PANELS_SECONDS = 60 * 60


def coalition_panels(now: datetime.datetime) -> dict:
    """{"next_call_html": str, "days": [dict], "updates": [dict]}, from the cache when the
    rows they show have not changed."""
    return cached(
        "dashboard:panels",
        [panels_key(now)],
        lambda: {
            "next_call_html": next_call_html(now),
            "days": upcoming_days(timezone.localdate(now)),
            "updates": latest_updates(now),
        },
        PANELS_SECONDS,
    )


def panels_key(now: datetime.datetime) -> str:
    today = timezone.localdate(now)
    call = shown_call(now).values("pk")
    shown = [
        StrategyCall.objects.filter(pk__in=call),
        AgendaItem.objects.filter(call__in=call),  # all of them: "and N more items"
        DayOfAction.objects.filter(pk__in=shown_days(today).values("pk")),
        CoalitionUpdate.objects.filter(pk__in=shown_updates(now).values("pk")),
    ]
    first, *others = [_stamps(rows) for rows in shown]
    stamps = sorted(first.union(*others, all=True))
    return f"{today}:{stamps}"


def _stamps(rows: QuerySet) -> QuerySet:
    """(model name, pk, updated_at) of each row."""
    label = Value(rows.model._meta.model_name)
    # Unordered: SQLite (the demo) refuses ORDER BY inside the parts of a UNION.
    return rows.order_by().annotate(shown=label).values_list("shown", "pk", "updated_at")
