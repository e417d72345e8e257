"""Panels for the member dashboard, composed at the project level (see coalition/).

What they show of the coalition (the next call with its first agenda items, the upcoming days
of action, the latest updates) is the same for every partner, so it is read once into the
cache and shared by every dashboard (`coalition.fragments`: never used after a change to those
rows); only whether the organization took part or shared is read per request. The shared copy
also carries the moment it stops being right by the clock (a call ending, a day passing, an
update's publication time).
"""

import datetime

from django.db.models import Count
from django.db.models.signals import post_delete, post_save
from django.template.loader import render_to_string
from django.utils import timezone

from coalition import fragments
from members.models import Membership

from .models import AgendaItem, CoalitionUpdate, DayOfAction, StrategyCall

AGENDA_PREVIEW = 3
DAYS_SHOWN = 3
UPDATES_SHOWN = 3
# Value and version keys. The value key names the shape of what is stored: a new shape gets a
# new name, so processes of the old and the new release never read each other's values.
PANELS = ("campaigns:dashboard-panels:2", "campaigns:dashboard-version")
PANELS_SECONDS = 300  # at most; a change retires them at once
SHOWN_MODELS = (StrategyCall, AgendaItem, DayOfAction, CoalitionUpdate)


def content_changed(**kwargs) -> None:
    """Retire the shared panels. Run by signals for every save or delete of what they show;
    call it after a queryset update() of those models, which sends no signal."""
    fragments.changed(PANELS[1])


def connect_signals() -> None:
    for model in SHOWN_MODELS:
        post_save.connect(content_changed, sender=model, dispatch_uid=f"panels-save-{model}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"panels-del-{model}")


def coalition_panels(
    found: fragments.Found | None = None, now: datetime.datetime | None = None
) -> dict:
    """The shared part of the dashboard panels: {"next_call", "next_call_html", "days",
    "updates"}.

    `found`: the panels' entry of a `fragments.read` the caller made with its own keys."""
    now = now or timezone.now()
    found = found or fragments.read({"panels": PANELS})["panels"]
    if found.value is not None and now < found.value["valid_until"]:
        return found.value
    return found.store(_read_panels(now), PANELS_SECONDS)


def _read_panels(now: datetime.datetime) -> dict:
    today = timezone.localdate(now)
    tomorrow = datetime.datetime.combine(
        today + datetime.timedelta(days=1), datetime.time(), tzinfo=timezone.get_current_timezone()
    )
    valid_until = [now + datetime.timedelta(seconds=PANELS_SECONDS), tomorrow]
    next_call = None
    call = (
        StrategyCall.objects.published()
        .upcoming(now)
        .annotate(agenda_count=Count("agenda_items"))
        .first()
    )
    if call is not None:
        agenda = list(call.agenda_items.all()[:AGENDA_PREVIEW])
        next_call = {"call": call, "agenda": agenda, "more_items": call.agenda_count - len(agenda)}
        # StrategyCall...upcoming() keeps a call for two hours after it starts.
        valid_until.append(call.starts_at + datetime.timedelta(hours=2))
    scheduled = (
        CoalitionUpdate.objects.filter(is_published=True, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    if scheduled:
        valid_until.append(scheduled)
    return {
        "next_call": next_call,
        # Rendered here too: it shows nothing of the organization looking at it.
        "next_call_html": render_to_string(
            "campaigns/_dashboard_next_call.html", {"next_call": next_call}
        ),
        "days": list(DayOfAction.objects.published().upcoming(today)[:DAYS_SHOWN]),
        "updates": list(CoalitionUpdate.objects.published(now)[:UPDATES_SHOWN]),
        "valid_until": min(valid_until),
    }


def next_call_panel(membership: Membership | None, panels: dict | None = None) -> dict | None:
    """The next published call with its first agenda items; None when none is planned."""
    return (panels or coalition_panels())["next_call"]


def organization_answers(organization, today) -> dict:
    """What the organization said of the coalition's asks: {"days": ids of the days of action
    from today on it took part in, "updates": ids of the updates it shared}. Kept with its
    pledge summary (coalition.dashboard), which every such answer retires (campaigns.apps)."""
    return {
        "days": set(
            organization.day_of_action_participations.filter(day__date__gte=today).values_list(
                "day_id", flat=True
            )
        ),
        "updates": set(organization.update_shares.values_list("update_id", flat=True)),
    }


def days_of_action_panel(
    membership: Membership | None, panels: dict | None = None, taken_part: set | None = None
) -> dict | None:
    """Upcoming days of action and whether the organization recorded taking part
    (`taken_part`: the day ids, when the caller has them)."""
    days = (panels or coalition_panels())["days"]
    if not days:
        return None
    return {"days": with_participation(days, membership, timezone.localdate(), taken_part)}


def with_participation(
    days: list[DayOfAction], membership: Membership | None, today, done: set | None = None
) -> list:
    if done is None:
        done = set()
        if membership is not None:
            participations = membership.organization.day_of_action_participations
            done = set(participations.filter(day__in=days).values_list("day_id", flat=True))
    return [
        {"day": day, "took_part": day.pk in done, "can_record": day.can_record(today)}
        for day in days
    ]


def updates_panel(
    membership: Membership | None, panels: dict | None = None, shared: set | None = None
) -> dict | None:
    """The latest coalition updates to pass on, and which ones the organization shared
    (`shared`: the update ids, when the caller has them)."""
    updates = (panels or coalition_panels())["updates"]
    if not updates:
        return None
    if shared is None:
        shared = set()
        if membership is not None:
            shares = membership.organization.update_shares
            shared = set(shares.filter(update__in=updates).values_list("update_id", flat=True))
    return {"updates": [{"update": u, "shared": u.pk in shared} for u in updates]}
