"""The key of the dashboard's coalition panels: the rows they show, in narrow queries.

The panels are kept through members.caching, which lists everything the portal caches.
"""

import datetime

from django.utils import timezone

from campaigns.dashboard import (
    latest_updates,
    next_call_html,
    shown_call,
    shown_days,
    shown_updates,
    upcoming_days,
)
from campaigns.models import AgendaItem
from members.caching import cached

PANELS_SECONDS = 60 * 60


def coalition_panels(now: datetime.datetime) -> dict:
    """{"next_call_html": str, "days": [dict], "updates": [dict]}, from the cache when the
    rows they show have not changed."""
    return cached(
        "dashboard:panels",
        panels_key(now),
        lambda: {
            "next_call_html": next_call_html(now),
            "days": upcoming_days(timezone.localdate(now)),
            "updates": latest_updates(now),
        },
        PANELS_SECONDS,
    )


def panels_key(now: datetime.datetime) -> list:
    """Today, and the id and `updated_at` of every row the panels show."""
    today = timezone.localdate(now)
    call = list(shown_call(now).values_list("pk", "updated_at"))
    agenda = AgendaItem.objects.filter(call__in=[pk for pk, _ in call])  # all: "and N more"
    return [
        today,
        call,
        list(agenda.values_list("pk", "updated_at")) if call else [],
        list(shown_days(today).values_list("pk", "updated_at")),
        list(shown_updates(now).values_list("pk", "updated_at")),
    ]
