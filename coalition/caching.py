"""What the site keeps in its cache (the database cache), for how long, and what ends it.

The dashboard's coalition panels: the next strategy call with its first agenda items, the
upcoming days of action and the latest updates are the same for every partner, so they are
built once (campaigns.dashboard: rendered text and plain values, never model instances) and
shared by every dashboard view.

The key names what the panels show: today's date and the id and last change (`updated_at`) of
every row on them, read in one narrow query through the panels' own querysets. An edit, a row
added or deleted, a call ending, a day passing or an update reaching its publication time gives
a new key, so nothing has to remember to invalidate anything, and a write that has not committed
is simply not seen yet. Entries under keys no longer asked for expire after PANELS_SECONDS.

Team, organization profile, pledge summary, call pages, tracker and initiative pages are read
with plain queries on every request. Apps do not import this package, so two small caches stay
with their own views: the public directory's first pages (members.views.directory, a minute)
and the staff health figures (pledges.views, keyed by pledges.models.DataVersion). allauth keeps
its rate-limit counters in the cache too.
"""

import datetime
import hashlib

from django.core.cache import cache
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

PANELS_SECONDS = 60 * 60


def coalition_panels(now: datetime.datetime) -> dict:
    """{"next_call_html": str, "days": [dict], "updates": [dict]}, from the cache when the
    rows they show have not changed."""
    return cache.get_or_set(
        panels_key(now),
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
    digest = hashlib.sha256(repr(stamps).encode()).hexdigest()
    return f"dashboard:panels:{today}:{digest}"


def _stamps(rows: QuerySet) -> QuerySet:
    """(model name, pk, updated_at) of each row."""
    label = Value(rows.model._meta.model_name)
    return rows.annotate(shown=label).values_list("shown", "pk", "updated_at")
