"""A member's home page, composed at the project level.

Pledge data comes from `pledges`, the next strategy call, upcoming days of action and updates
from `campaigns`; only this project-level view knows both. The coalition panels are the same for
every partner and come from the cache (coalition.caching); the organization's pledge summary and
what it answered (took part, shared) are read with plain queries on every view.
"""

import calendar
import datetime

from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.dashboard import days_of_action_panel, updates_panel
from campaigns.models import CalendarFeedToken
from members.access import membership_for
from members.models import Invitation, Membership, Organization, User
from pledges.models import Activity, month
from pledges.status import PledgeStatus, months_back, months_since, pledge_grid, streaks

from . import caching

# A partner is new, and offered its first steps, for this long after joining.
NEW_PARTNER_DAYS = 90


def dashboard(request: HttpRequest) -> HttpResponse:
    try:
        membership = membership_for(request)
    except Http404:
        if request.user.is_staff:
            return redirect("pledges:staff")
        return redirect("members:apply_status")
    organization = membership.organization
    now = timezone.now()
    panels = caching.coalition_panels(now)
    ctx = {
        "membership": membership,
        "organization": organization,
        **pledge_summary(organization, timezone.localdate(now)),
        "first_steps": first_steps(membership, request.user, timezone.localdate(now)),
        "next_call_html": panels["next_call_html"],
        "days_panel": days_of_action_panel(panels["days"], organization),
        "updates_panel": updates_panel(panels["updates"], organization),
    }
    return render(request, "coalition/dashboard.html", ctx)


def pledge_summary(organization: Organization, today: datetime.date) -> dict:
    """This month, the streaks, the twelve-month strip and the latest activities."""
    # From the month it joined, and at least the last twelve for the strip.
    start = min(month(organization.joined_on), months_back(12, today=today)[0])
    history = pledge_grid([organization], months_since(start, today=today))[organization.pk]
    current, longest = streaks(history)
    last_day = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    return {
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


def first_steps(membership: Membership, user: User, today: datetime.date) -> list[dict] | None:
    """A new partner's checklist, each step ticked once done; None when all are done or the
    partner is no longer new. Steps only an admin can take are shown to admins only."""
    organization = membership.organization
    if (today - organization.joined_on).days > NEW_PARTNER_DAYS:
        return None
    teammates = Membership.objects.filter(organization=OuterRef("pk")).exclude(user=user)
    done = (
        Organization.objects.filter(pk=organization.pk)
        .annotate(
            focus=Exists(
                Organization.focus_areas.through.objects.filter(organization=OuterRef("pk"))
            ),
            teammate=Exists(teammates)
            | Exists(Invitation.objects.filter(organization=OuterRef("pk"))),
            calendar=Exists(CalendarFeedToken.objects.filter(user=user)),
            activity=Exists(Activity.objects.filter(organization=OuterRef("pk"))),
        )
        .values("focus", "teammate", "calendar", "activity")
        .get()
    )
    done["profile"] = done["focus"] and bool(organization.description and organization.website)
    steps = [
        ("profile", _("Complete your organization's profile"), "members:org_profile_edit", True),
        ("teammate", _("Invite a teammate"), "members:org_team", True),
        (
            "calendar",
            _("Add the strategy calls to your calendar"),
            "campaigns:feed_settings",
            False,
        ),
        ("activity", _("Log your first activity"), "pledges:activity_new", False),
    ]
    shown = [
        {"label": label, "url": url, "done": done[key]}
        for key, label, url, admin_only in steps
        if membership.is_admin or not admin_only
    ]
    if all(step["done"] for step in shown):
        return None
    return shown
