"""A member's home page, composed at the project level.

Pledge data comes from `pledges`, the next strategy call and upcoming days of action from
`campaigns`; only this project-level view knows both.
"""

import calendar

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from campaigns.dashboard import (
    coalition_panels,
    days_of_action_panel,
    next_call_panel,
    updates_panel,
)
from members.access import membership_for
from pledges.models import Activity, month
from pledges.status import PledgeStatus, months_back, months_since, pledge_grid, streaks


def dashboard(request: HttpRequest) -> HttpResponse:
    try:
        membership = membership_for(request)
    except Http404:
        if request.user.is_staff:
            return redirect("pledges:staff")
        return redirect("members:apply_status")
    organization = membership.organization
    today = timezone.localdate()
    # From the month it joined, and at least the last twelve for the strip.
    start = min(month(organization.joined_on), months_back(12, today=today)[0])
    history = pledge_grid([organization], months_since(start, today=today))[organization.pk]
    current, longest = streaks(history)
    this_month = history[-1] if history else None
    last_day = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    panels = coalition_panels()  # the same for every partner: one cache read
    ctx = {
        "membership": membership,
        "organization": organization,
        "this_month": this_month,
        "month": month(today),
        "days_left": (last_day - today).days + 1,
        "strip": history[-12:],
        "current_streak": current,
        "longest_streak": longest,
        "recent": Activity.objects.filter(organization=organization).select_related("source_type")[
            :5
        ],
        "next_call": next_call_panel(membership, panels),
        "days_panel": days_of_action_panel(membership, panels),
        "updates_panel": updates_panel(membership, panels),
        "statuses": PledgeStatus,
    }
    return render(request, "coalition/dashboard.html", ctx)
