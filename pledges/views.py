import csv
import functools
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, pgettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from members.access import membership_for, staff_required
from members.caching import cached
from members.models import Membership, Organization, User

from . import hooks
from .emails import (
    UNSUBSCRIBE_TOPICS,
    read_unsubscribe_token,
    topic_settings_url,
    topic_turn_off,
)
from .forms import ActivityForm, EmailPreferenceForm, StaffFilterForm
from .models import (
    Activity,
    EmailPreference,
    PledgeExport,
    PledgePause,
    month,
    next_month,
)
from .status import MonthStatus, PledgeStatus, months_back, organizations_at_risk, pledge_grid

PAGE_SIZE = 50


def _own_activity(request: HttpRequest, pk: int) -> tuple[Membership, Activity]:
    """The activity if it belongs to the person's organization (404 otherwise)."""
    membership = membership_for(request)
    activity = get_object_or_404(Activity, organization=membership.organization, pk=pk)
    return membership, activity


def _locked_reason(activity: Activity) -> str:
    if activity.is_credit:
        return gettext(
            "This activity was credited automatically, so it cannot be changed here. "
            "If something looks wrong, please contact the coalition staff."
        )
    if month(activity.occurred_on) != month(timezone.localdate()):
        return gettext(
            "Only this month's activities can be changed. Earlier months are kept as they are."
        )
    return ""


def _locked_page(request: HttpRequest, activity: Activity) -> HttpResponse | None:
    """A kind 403 page when the activity may not be changed here; None when it may."""
    reason = _locked_reason(activity)
    if not reason:
        return None
    ctx = {"activity": activity, "reason": reason}
    return render(request, "pledges/activity_locked.html", ctx, status=403)


def activity_list(request: HttpRequest) -> HttpResponse:
    membership = membership_for(request)
    activities = Activity.objects.filter(organization=membership.organization).select_related(
        "logged_by", "source_type"
    )
    page_obj = Paginator(activities, PAGE_SIZE).get_page(request.GET.get("page"))
    current = month(timezone.localdate())
    kinds = dict(Activity.Kind.choices)
    # Translators: a day and month, as in "5 December" (Django date format characters).
    day_format = pgettext("date format", "j F")
    # Translators: a full date, as in "5 December 2026" (Django date format characters).
    full_format = pgettext("date format", "j F Y")
    ctx = {
        "organization": membership.organization,
        "page_obj": page_obj,
        "rows": [
            {
                "activity": a,
                # Worked out once per row here: the template would redo each several times.
                "kind": kinds.get(a.kind, a.kind),
                "day": date_format(a.occurred_on, day_format),
                "date": date_format(a.occurred_on, full_format),
                "editable": not a.is_credit and month(a.occurred_on) == current,
            }
            for a in page_obj
        ],
    }
    return render(request, "pledges/activity_list.html", ctx)


def activity_new(request: HttpRequest) -> HttpResponse:
    membership = membership_for(request)
    form = ActivityForm(
        request.POST or None, initial={"occurred_on": timezone.localdate().isoformat()}
    )
    if request.method == "POST" and form.is_valid():
        activity = form.save(commit=False)
        first = month(activity.occurred_on)
        met_before = membership.organization.activities.filter(
            occurred_on__year=first.year, occurred_on__month=first.month
        ).exists()
        activity.organization = membership.organization
        activity.logged_by = request.user
        activity.save()
        if met_before:
            messages.success(request, gettext("Thank you. Your activity is logged."))
        else:
            messages.success(
                request,
                gettext("%(month)s's pledge is met, thank you.")
                % {"month": date_format(first, "F")},
            )
        return redirect("pledges:activity_list")
    ctx = {"form": form, "organization": membership.organization}
    return render(request, "pledges/activity_form.html", ctx)


def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership, activity = _own_activity(request, pk)
    if locked := _locked_page(request, activity):
        return locked
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, gettext("Your changes are saved."))
        return redirect("pledges:activity_list")
    ctx = {"form": form, "activity": activity, "organization": membership.organization}
    return render(request, "pledges/activity_form.html", ctx)


@require_http_methods(["GET", "POST"])
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    membership, activity = _own_activity(request, pk)
    if locked := _locked_page(request, activity):
        return locked
    if request.method == "POST":
        activity.delete()
        messages.success(request, gettext("The activity was removed."))
        return redirect("pledges:activity_list")
    ctx = {"activity": activity, "organization": membership.organization}
    return render(request, "pledges/activity_delete.html", ctx)


# --- Staff: coalition health -------------------------------------------------------------


def _filtered_organizations(request: HttpRequest) -> tuple[StaffFilterForm, object]:
    form = StaffFilterForm(request.GET or None)
    return form, _filtered_organizations_from(form)


def _filtered_organizations_from(form: StaffFilterForm):
    organizations = Organization.objects.active()
    if form.is_valid():
        if form.cleaned_data["state"]:
            organizations = organizations.filter(state=form.cleaned_data["state"])
        if form.cleaned_data["type"]:
            organizations = organizations.filter(type=form.cleaned_data["type"])
        if form.cleaned_data["at_risk"]:
            organizations = organizations_at_risk(organizations)
    return organizations.order_by("name", "pk")


def _participation(organizations, months: list) -> list[dict]:
    """Per month: organizations counted, met, excused and the rate, in three queries."""
    ids = organizations.values("pk")
    eligible = organizations.aggregate(
        **{
            f"m{i}": Count("pk", filter=Q(joined_on__lt=next_month(m)))
            for i, m in enumerate(months)
        }
    )
    # Months before an organization joined do not count, even if it logged something then.
    in_window = Activity.objects.filter(
        organization__in=ids,
        occurred_on__gte=months[0],
        occurred_on__lt=next_month(months[-1]),
    ).filter(occurred_on__gte=TruncMonth("organization__joined_on"))
    met = dict(
        in_window.annotate(first=TruncMonth("occurred_on"))
        .values("first")
        .annotate(n=Count("organization", distinct=True))
        .values_list("first", "n")
    )
    active_that_month = (
        Activity.objects.filter(organization=OuterRef("organization"))
        .annotate(first=TruncMonth("occurred_on"))
        .filter(first=OuterRef("month"))
    )
    excused = dict(
        PledgePause.objects.filter(organization__in=ids, month__in=months)
        .filter(~Exists(active_that_month))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    rows = []
    for i, first in enumerate(months):
        counted = eligible[f"m{i}"]
        n_met = met.get(first, 0)
        rows.append(
            {
                "month": first,
                "eligible": counted,
                "met": n_met,
                "excused": excused.get(first, 0),
                "rate": round(100 * n_met / counted) if counted else 0,
            }
        )
    return rows


CHART_WIDTH, CHART_HEIGHT, CHART_TOP, CHART_BOTTOM = 720, 260, 24, 210


def _chart(rows: list[dict]) -> list[dict]:
    """Bar geometry for the participation chart, drawn as SVG attributes (never styles)."""
    if not rows:
        return []
    slot = CHART_WIDTH / len(rows)
    scale = (CHART_BOTTOM - CHART_TOP) / 100
    bars = []
    for i, row in enumerate(rows):
        height = round(row["rate"] * scale, 1)
        bars.append(
            {
                **row,
                "x": round(i * slot + slot * 0.15, 1),
                "width": round(slot * 0.7, 1),
                "y": round(CHART_BOTTOM - height, 1),
                "height": height,
                "label_x": round(i * slot + slot / 2, 1),
                "value_y": round(CHART_BOTTOM - height - 4, 1),
            }
        )
    return bars


def _activity_mix(organizations, months: list) -> list[dict]:
    counts = dict(
        Activity.objects.filter(
            organization__in=organizations.values("pk"),
            occurred_on__gte=months[0],
            occurred_on__lt=next_month(months[-1]),
        )
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    total = sum(counts.values())
    return [
        {
            "label": str(label),  # cached: text, not a lazy translation
            "count": counts.get(kind, 0),
            "share": round(100 * counts.get(kind, 0) / total) if total else 0,
        }
        for kind, label in Activity.Kind.choices
    ]


def _health_figures(organizations, months: list) -> dict:
    """Participation, activity mix and who is at risk: the costly part of the page."""
    at_risk = organizations_at_risk(organizations)  # applying it twice changes nothing
    return {
        "participation": _participation(organizations, months),
        "mix": _activity_mix(organizations, months),
        "at_risk": list(at_risk.values("pk", "name", "state")[:20]),
        "at_risk_count": at_risk.count(),
        "figures_at": timezone.now(),
    }


# Monthly figures ten minutes old serve staff as well as fresh ones (the page says when they
# were worked out; working them out takes about 0.35 s at 10x); the grid is always fresh.
HEALTH_CACHE_SECONDS = 10 * 60


def _cached_health_figures(form: StaffFilterForm, organizations, months: list) -> dict:
    """The figures, kept a minute per month and filters (members.caching)."""
    filters = form.cleaned_data if form.is_valid() else {}
    depends_on = [
        months[-1],
        filters.get("state") or "",
        filters.get("type") or "",
        bool(filters.get("at_risk")),
    ]
    return cached(
        "pledges:health",
        depends_on,
        lambda: _health_figures(organizations, months),
        HEALTH_CACHE_SECONDS,
    )


@functools.cache
def _grid_cell(status: PledgeStatus | None, language: str | None) -> str:
    """One cell, kept per status and language (the language is only part of the key)."""
    if status is None:
        return format_html(
            '<td><span class="badge badge-not-counted">{}</span></td>', gettext("Before joining")
        )
    badge = MonthStatus(month=None, status=status).badge
    return format_html('<td><span class="badge {}">{}</span></td>', badge, status.label)


def _grid_cells(statuses: list[MonthStatus]) -> str:
    """A row's twelve cells, latest month first: 600 per page, so joined here rather than
    in the template."""
    language = get_language()
    return mark_safe(  # noqa: S308
        "".join(_grid_cell(item.status, language) for item in reversed(statuses))
    )


CHECK_IN_SUBJECT = _("Checking in from the coalition")
CHECK_IN_BODY = _("""Hello,

We noticed that %(name)s has not logged a coalition activity in the last two months. That
happens, and we would like to help. Joining this month's strategy call counts, and so does
passing a coalition update on to your network. You can log what you did here:
%(log_url)s

If this is a hard time for your organization, reply to this email: we can excuse a month.

With thanks for standing with the coalition,
The coalition staff""")


def _at_risk_rows(organizations: list[dict]) -> list[tuple[dict, str]]:
    """Each organization with a ready, kind mailto: link to its admins ("" without admins),
    in one query."""
    admins: dict[int, list[str]] = {}
    for org_id, email in Membership.objects.filter(
        organization__in=[org["pk"] for org in organizations], role=Membership.Role.ADMIN
    ).values_list("organization_id", "user__email"):
        admins.setdefault(org_id, []).append(email)
    log_url = settings.SITE_ROOT + reverse("pledges:activity_new")
    links = {
        org["pk"]: "mailto:{}?{}".format(
            ",".join(admins[org["pk"]]),
            urlencode(
                {
                    "subject": str(CHECK_IN_SUBJECT),
                    "body": str(CHECK_IN_BODY) % {"name": org["name"], "log_url": log_url},
                },
                quote_via=quote,
            ),
        )
        for org in organizations
        if org["pk"] in admins
    }
    return [(org, links.get(org["pk"], "")) for org in organizations]


@staff_required
def staff_health(request: HttpRequest) -> HttpResponse:
    form, organizations = _filtered_organizations(request)
    months = months_back(12)
    page_obj = Paginator(organizations, PAGE_SIZE).get_page(request.GET.get("page"))
    grid = pledge_grid(page_obj.object_list, months)
    figures = _cached_health_figures(form, organizations, months)
    query = request.GET.copy()
    query.pop("page", None)
    ctx = {
        "form": form,
        "months": months,
        "page_obj": page_obj,
        "rows": [(org, grid[org.pk]) for org in page_obj],
        "grid_rows": [(org, _grid_cells(grid[org.pk])) for org in page_obj],
        **figures,
        # A month in which nobody was counted has no rate: drawing 0% would read as failure.
        "bars": _chart([row for row in figures["participation"] if row["eligible"]]),
        "grid_months": list(reversed(months)),
        "at_risk_rows": _at_risk_rows(figures["at_risk"]),
        "chart": {"width": CHART_WIDTH, "height": CHART_HEIGHT, "bottom": CHART_BOTTOM},
        "extra_tables": hooks.health_tables(months),
        "query_string": query.urlencode(),
        "statuses": PledgeStatus,
    }
    return render(request, "pledges/staff_health.html", ctx)


@staff_required
def staff_export(request: HttpRequest) -> HttpResponse:
    """The filtered grid as CSV: every organization, not just one page."""
    _, organizations = _filtered_organizations(request)
    months = months_back(12)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pledge-grid.csv"'
    writer = csv.writer(response)
    headings = [gettext("Organization"), gettext("State"), gettext("Type")]
    writer.writerow([*headings, *(f"{m:%Y-%m}" for m in months)])
    paginator = Paginator(organizations, 1000)
    for number in paginator.page_range:
        chunk = list(paginator.page(number))
        grid = pledge_grid(chunk, months)
        for org in chunk:
            statuses = [s.status.label if s.status else "" for s in grid[org.pk]]
            writer.writerow([org.name, org.state, org.get_type_display(), *statuses])
    PledgeExport.objects.create(
        exported_by=request.user, query=request.GET.urlencode()[:500], row_count=paginator.count
    )
    return response


# --- Email preferences and one-click unsubscribe ------------------------------------------


def email_preferences(request: HttpRequest) -> HttpResponse:
    preference = EmailPreference.for_user(request.user)
    form = EmailPreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, gettext("Your email choices are saved."))
        return redirect("pledges:email_preferences")
    return render(request, "pledges/email_preferences.html", {"form": form})


@login_not_required
@csrf_exempt  # RFC 8058: mail clients POST here without a session or CSRF token.
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    user_id, topic = read_unsubscribe_token(token) or (None, None)
    user = User.objects.filter(pk=user_id).first() if topic in UNSUBSCRIBE_TOPICS else None
    if user is None:
        return render(request, "pledges/unsubscribe_invalid.html", status=400)
    ctx = {
        "email": user.email,
        "token": token,
        "topic": UNSUBSCRIBE_TOPICS[topic],
        "settings_url": topic_settings_url(topic),
    }
    if request.method == "POST":
        topic_turn_off(user, topic)
        return render(request, "pledges/unsubscribe_done.html", ctx)
    return render(request, "pledges/unsubscribe.html", ctx)
