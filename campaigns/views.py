import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Value
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from members.access import membership_for
from members.models import Organization, State

from .filters import InitiativeFilter
from .forms import ReportForm
from .models import Initiative, InitiativeExport, Report, normalize_bill_number
from .services import (
    AlreadyReported,
    default_jurisdiction,
    initiative_similar_titles,
    report_file,
)

# Legislation

TRACKER_PAGE_SIZE = 50

STATUS_MEANINGS = {
    Initiative.Status.INTRODUCED: "Filed with the city council, county board or legislature. "
    "Nothing has been decided yet.",
    Initiative.Status.IN_COMMITTEE: "A committee is studying it, may hold hearings where the "
    "public can speak, and decides whether it moves on.",
    Initiative.Status.PASSED_ONE_CHAMBER: "One chamber (for example the House or the Senate) "
    "voted for it. The other chamber still has to vote.",
    Initiative.Status.PASSED: "Every chamber voted for it. It now waits for the governor, mayor "
    "or president to sign or veto it.",
    Initiative.Status.ENACTED: "Signed into law, or adopted as an ordinance. It is now in force "
    "or will be on its start date.",
    Initiative.Status.VETOED: "The governor, mayor or president refused to sign it. Sometimes "
    "lawmakers can still override a veto.",
    Initiative.Status.FAILED: "It was voted down, withdrawn by its sponsors, or ran out of time "
    "at the end of the session.",
    Initiative.Status.UNKNOWN: "Nobody has told us yet. If you know, file a report or tell staff.",
}


def _viewer_org(request: HttpRequest) -> Organization | None:
    """The organization whose view of the tracker this is; None for coalition staff."""
    if request.user.is_staff:
        return None
    return membership_for(request).organization


def _tracker_queryset(org: Organization | None):
    qs = (
        Initiative.objects.visible_to(org)
        .with_report_count()
        .prefetch_related("topics")
        .order_by("-created_at", "-pk")
    )
    if org is None:
        return qs.annotate(ours=Value(False))
    ours = Report.objects.filter(initiative=OuterRef("pk"), organization=org)
    return qs.annotate(ours=Exists(ours))


def _state_counts(qs) -> list[dict]:
    """Initiatives per state over the filtered list, for the map and its table."""
    rows = (
        Initiative.objects.filter(pk__in=qs.order_by().values("pk"))
        .exclude(state="")
        .values("state")
        .annotate(count=Count("pk"))
    )
    counts = {row["state"]: row["count"] for row in rows}
    return [
        {"code": code, "name": name, "count": counts.get(code, 0)} for code, name in State.choices
    ]


def initiative_list(request: HttpRequest) -> HttpResponse:
    org = _viewer_org(request)
    filterset = InitiativeFilter(request.GET or None, queryset=_tracker_queryset(org))
    qs = filterset.qs
    page = Paginator(qs, TRACKER_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    states = _state_counts(qs)
    ctx = {
        "filter": filterset,
        "page_obj": page,
        "initiatives": page.object_list,
        "query_string": query.urlencode(),
        "states": states,
        "states_with_any": [s for s in states if s["count"]],
        "is_staff_view": org is None,
    }
    return render(request, "campaigns/initiative_list.html", ctx)


def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = _viewer_org(request)
    initiative = get_object_or_404(
        Initiative.objects.visible_to(org).prefetch_related("topics"), pk=pk
    )
    reports = list(initiative.reports.select_related("organization"))
    ctx = {
        "initiative": initiative,
        "reporting_organizations": [r.organization.name for r in reports],
        "our_report": next((r for r in reports if org and r.organization_id == org.pk), None),
        "history": initiative.status_changes.all(),
        # Strategy-call agenda items that discuss this initiative (filled in by the calls work).
        "agenda_items": [],
    }
    return render(request, "campaigns/initiative_detail.html", ctx)


def initiative_new(request: HttpRequest) -> HttpResponse:
    membership = membership_for(request)
    form = ReportForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "campaigns/initiative_form.html", {"form": form})
    data = form.cleaned_data
    join = None
    if not normalize_bill_number(data["bill_number"]):
        candidates = initiative_similar_titles(
            title=data["title"],
            level=data["level"],
            state=data["state"],
            jurisdiction=data["jurisdiction"] or _default_place(data),
        )
        choice = request.POST.get("match", "")
        join = next((c for c in candidates if str(c.pk) == choice), None)
        if candidates and join is None and choice != "new":
            ctx = {"form": form, "candidates": candidates}
            return render(request, "campaigns/initiative_confirm.html", ctx)
    try:
        initiative, _report, created = report_file(
            organization=membership.organization, user=request.user, data=data, join=join
        )
    except AlreadyReported as already:
        messages.info(
            request,
            "Your organization has already reported this one, so there is nothing more to do. "
            "Thank you for keeping the coalition informed.",
        )
        return redirect(already.initiative)
    if created:
        messages.success(request, "Thanks — your report is in. Coalition staff will check it soon.")
    else:
        count = initiative.reports.count()
        messages.success(
            request,
            f"Thanks — {count} organizations have now reported this. "
            "Your report was added to the one already in the tracker.",
        )
    return redirect(initiative)


def _default_place(data: dict) -> str:
    return default_jurisdiction(data["level"], data["state"], data["jurisdiction"] or "")


def initiative_statuses(request: HttpRequest) -> HttpResponse:
    ctx = {
        "statuses": [
            {"label": label, "meaning": STATUS_MEANINGS[value]}
            for value, label in Initiative.Status.choices
        ]
    }
    return render(request, "campaigns/initiative_statuses.html", ctx)


CSV_COLUMNS = [
    "id",
    "title",
    "level",
    "state",
    "jurisdiction",
    "bill number",
    "status",
    "introduced",
    "next hearing",
    "topics",
    "coalition position",
    "priority",
    "review state",
    "reported by (organizations)",
    "reporting organizations",
    "link",
]


def _csv_cell(value) -> str:
    # Spreadsheets run cells that start like a formula; a leading quote keeps them text.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@require_GET
def initiative_export(request: HttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        raise PermissionDenied("Only coalition staff can export the tracker")
    reports = Report.objects.select_related("organization")
    qs = Initiative.objects.with_report_count().prefetch_related(
        "topics", Prefetch("reports", queryset=reports)
    )
    rows = list(InitiativeFilter(request.GET or None, queryset=qs).qs)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="legislation-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for i in rows:
        writer.writerow(
            _csv_cell(v)
            for v in [
                i.pk,
                i.title,
                i.get_level_display(),
                i.state,
                i.jurisdiction,
                i.bill_number,
                i.get_status_display(),
                i.introduced_on or "",
                i.next_hearing_on or "",
                "; ".join(t.name for t in i.topics.all()),
                i.get_position_display(),
                i.get_priority_display(),
                i.get_review_state_display(),
                i.report_count,
                "; ".join(r.organization.name for r in i.reports.all()),
                request.build_absolute_uri(i.get_absolute_url()),
            ]
        )
    InitiativeExport.objects.create(
        exported_by=request.user, query=request.GET.urlencode()[:500], row_count=len(rows)
    )
    return response
