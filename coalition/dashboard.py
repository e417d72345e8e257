"""A member's home page, composed at the project level.

Pledge data comes from `pledges`, the next strategy call and upcoming days of action from
`campaigns`; only this project-level view knows both.

Both halves come from the cache in one read (`coalition.fragments`): the coalition panels are
shared by every partner, and the organization's pledge summary (this month, streaks, the
twelve-month strip, recent activities) is kept as rendered HTML labelled with the
organization's pledge version, which every save or delete of its activities or pauses
replaces, and with the day it was rendered for. Which days of action the organization took
part in and which updates it shared are kept with it: recording either also replaces that
version (campaigns.apps).
"""

import calendar
import datetime

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone

from campaigns.dashboard import (
    PANELS,
    coalition_panels,
    days_of_action_panel,
    next_call_panel,
    organization_answers,
    updates_panel,
)
from members.access import membership_for
from members.models import Organization
from pledges.models import Activity, month
from pledges.services import organization_pledge_version_key
from pledges.status import PledgeStatus, months_back, months_since, pledge_grid, streaks

from . import fragments

PLEDGE_SECONDS = 24 * 60 * 60


@transaction.non_atomic_requests  # only reads (and cache writes): no BEGIN/COMMIT needed
def dashboard(request: HttpRequest) -> HttpResponse:
    try:
        membership = membership_for(request)
    except Http404:
        if request.user.is_staff:
            return redirect("pledges:staff")
        return redirect("members:apply_status")
    organization = membership.organization
    today = timezone.localdate()
    found = fragments.read(
        {
            "panels": PANELS,
            "pledge": (
                # The key names the shape of what is stored (see campaigns.dashboard.PANELS).
                f"dashboard:pledge:2:{organization.pk}",
                organization_pledge_version_key(organization.pk),
            ),
        }
    )
    pledge = found["pledge"].value
    if pledge is None or (pledge["day"], pledge["joined_on"]) != (today, organization.joined_on):
        pledge = found["pledge"].store(pledge_summary(organization, today), PLEDGE_SECONDS)
    panels = coalition_panels(found["panels"])
    ctx = {
        "membership": membership,
        "organization": organization,
        "pledge": pledge,
        "next_call": next_call_panel(membership, panels),
        "next_call_html": panels["next_call_html"],
        "days_panel": days_of_action_panel(membership, panels, pledge["answers"]["days"]),
        "updates_panel": updates_panel(membership, panels, pledge["answers"]["updates"]),
    }
    return render(request, "coalition/dashboard.html", ctx)


def pledge_summary(organization: Organization, today: datetime.date) -> dict:
    """The organization's pledge part of the dashboard, rendered (nothing request-specific)."""
    # From the month it joined, and at least the last twelve for the strip.
    start = min(month(organization.joined_on), months_back(12, today=today)[0])
    history = pledge_grid([organization], months_since(start, today=today))[organization.pk]
    current, longest = streaks(history)
    last_day = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    ctx = {
        "this_month": history[-1] if history else None,
        "month": month(today),
        "days_left": (last_day - today).days + 1,
        "strip": history[-12:],
        "current_streak": current,
        "longest_streak": longest,
        "recent": Activity.objects.filter(organization=organization).only(
            "kind", "occurred_on", "summary", "source_type"
        )[:5],
        "statuses": PledgeStatus,
    }
    return {
        "day": today,
        "joined_on": organization.joined_on,
        "top": render_to_string("coalition/_dashboard_pledge.html", ctx),
        "recent": render_to_string("coalition/_dashboard_recent.html", ctx),
        "answers": organization_answers(organization, today),
    }
