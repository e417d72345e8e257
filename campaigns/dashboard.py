"""What the member dashboard and the calls list show of the coalition, read with plain queries.

The next strategy call with its first agenda items, the upcoming days of action and the latest
updates are the same for every partner; the dashboard keeps them in the cache
(coalition.caching). So the panels are built from plain values and rendered text, never model
instances; whether an organization took part or shared is read per request.
"""

import datetime

from django.db.models import Count, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse

from members.models import Membership, Organization

from .models import CoalitionUpdate, DayOfAction, StrategyCall

AGENDA_PREVIEW = 3
DAYS_SHOWN = 3
UPDATES_SHOWN = 3


# The panels and their cache key (coalition.caching) read the same rows through these three;
# the pk settles ties so both see the same ones.


def shown_call(now: datetime.datetime) -> QuerySet:
    """The next published call, the one the panel shows (a row at most)."""
    return StrategyCall.objects.published().upcoming(now).order_by("starts_at", "pk")[:1]


def shown_days(today: datetime.date) -> QuerySet:
    return DayOfAction.objects.published().upcoming(today).order_by("date", "pk")[:DAYS_SHOWN]


def shown_updates(now: datetime.datetime) -> QuerySet:
    return CoalitionUpdate.objects.published(now).order_by("-published_at", "-pk")[:UPDATES_SHOWN]


def next_call_html(now: datetime.datetime) -> str:
    """The next published call with its first agenda items, rendered; "" when none is planned."""
    call = shown_call(now).annotate(agenda_count=Count("agenda_items")).first()
    if call is None:
        return ""
    agenda = list(call.agenda_items.all()[:AGENDA_PREVIEW])
    next_call = {"call": call, "agenda": agenda, "more_items": call.agenda_count - len(agenda)}
    return render_to_string("campaigns/_dashboard_next_call.html", {"next_call": next_call})


def upcoming_days(today: datetime.date) -> list[dict]:
    """The next published days of action, as plain values."""
    return [
        {**day, "can_record": day["date"] <= today}  # DayOfAction.can_record for a published day
        for day in shown_days(today).values("pk", "title", "date", "link")
    ]


def latest_updates(now: datetime.datetime) -> list[dict]:
    """The latest published coalition updates, as plain values."""
    return [
        {
            **row,
            "url": reverse("campaigns:update_detail", args=[row["pk"]]),
            "plain_text": CoalitionUpdate(**row).plain_text(),
        }
        for row in shown_updates(now).values("pk", "title", "body", "link", "published_at")
    ]


def days_of_action_panel(days: list[dict], organization: Organization | None) -> dict | None:
    """`upcoming_days` with whether the organization recorded taking part; None when none."""
    if not days:
        return None
    taken_part = set()
    if organization is not None:
        answers = organization.day_of_action_participations.filter(day__in=[d["pk"] for d in days])
        taken_part = set(answers.values_list("day_id", flat=True))
    entries = [
        {"day": day, "took_part": day["pk"] in taken_part, "can_record": day["can_record"]}
        for day in days
    ]
    return {"days": entries}


def updates_panel(updates: list[dict], organization: Organization | None) -> dict | None:
    """`latest_updates` with whether the organization shared each one; None when none."""
    if not updates:
        return None
    shared = set()
    if organization is not None:
        shares = organization.update_shares.filter(update__in=[u["pk"] for u in updates])
        shared = set(shares.values_list("update_id", flat=True))
    return {"updates": [{"update": u, "shared": u["pk"] in shared} for u in updates]}


def with_participation(
    days: list[DayOfAction], membership: Membership | None, today: datetime.date
) -> list[dict]:
    """Days of action (instances) with whether the member's organization took part."""
    done = set()
    if membership is not None:
        participations = membership.organization.day_of_action_participations
        done = set(participations.filter(day__in=days).values_list("day_id", flat=True))
    return [
        {"day": day, "took_part": day.pk in done, "can_record": day.can_record(today)}
        for day in days
    ]
