"""Legislation: the tracker, an initiative's page, new reports, the CSV export."""

import csv
from collections import defaultdict

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from members.access import membership_for, staff_required
from members.models import Organization, State

from ..filters import InitiativeFilter
from ..forms import ReportForm
from ..legislation import initiative_page, may_see
from ..models import (
    Initiative,
    InitiativeExport,
    Report,
    normalize_bill_number,
    place_name,
)
from ..services import AlreadyReported, default_jurisdiction, initiative_similar_titles, report_file
from .common import empty_filter_form, viewer_org

TRACKER_PAGE_SIZE = 50

STATUS_MEANINGS = {
    Initiative.Status.INTRODUCED: _(
        "Filed with the city council, county board or legislature. Nothing has been decided yet."
    ),
    Initiative.Status.IN_COMMITTEE: _(
        "A committee is studying it, may hold hearings where the public can speak, and decides "
        "whether it moves on."
    ),
    Initiative.Status.PASSED_ONE_CHAMBER: _(
        "One chamber (for example the House or the Senate) voted for it. The other chamber "
        "still has to vote."
    ),
    Initiative.Status.PASSED: _(
        "Every chamber voted for it. It now waits for the governor, mayor or president to sign "
        "or veto it."
    ),
    Initiative.Status.ENACTED: _(
        "Signed into law, or adopted as an ordinance. It is now in force or will be on its "
        "start date."
    ),
    Initiative.Status.VETOED: _(
        "The governor, mayor or president refused to sign it. Sometimes lawmakers can still "
        "override a veto."
    ),
    Initiative.Status.FAILED: _(
        "It was voted down, withdrawn by its sponsors, or ran out of time at the end of the "
        "session."
    ),
    Initiative.Status.UNKNOWN: _(
        "Nobody has told us yet. If you know, file a report or tell staff."
    ),
}


# What a tracker card shows, read with values(): no model instances for 50 rows.
CARD_FIELDS = [
    "pk",
    "title",
    "bill_number",
    "level",
    "state",
    "jurisdiction",
    "status",
    "position",
    "review_state",
    "report_count",
    "ours",
]
LEVEL_NAMES = dict(Initiative.Level.choices)
STATUS_NAMES = dict(Initiative.Status.choices)
POSITION_NAMES = dict(Initiative.Position.choices)


def _tracker_queryset(org: Organization | None):
    # Reports counted per initiative shown (a subquery the LIMIT applies to), not by joining
    # every report of every initiative and grouping before the page is cut.
    reports = (
        Report.objects.filter(initiative=OuterRef("pk"))
        .order_by()
        .values("initiative")
        .annotate(n=Count("pk"))
        .values("n")
    )
    qs = (
        Initiative.objects.visible_to(org)
        .annotate(report_count=Coalesce(Subquery(reports), 0))
        .order_by("-created_at", "-pk")
    )
    if org is None:
        return qs.annotate(ours=Value(False))
    ours = Report.objects.filter(initiative=OuterRef("pk"), organization=org)
    return qs.annotate(ours=Exists(ours))


def _state_counts(initiatives) -> tuple[list[dict], int]:
    """Initiatives per state for the filters, for the map and its table, and their total.

    Counted on the bare filtered initiatives (no report counts, no joins for the list), in
    one query that also gives the paginator its count. No filter joins more than one row
    per initiative (a topic is linked once), so a plain COUNT is exact.
    """
    counts = dict(initiatives.order_by().values_list("state").annotate(n=Count("pk")))
    states = []
    for code, name in State.choices:
        count = counts.get(code, 0)
        tile = "tile-none" if count == 0 else "tile-some" if count < 3 else "tile-many"
        states.append({"code": code, "name": str(name), "count": count, "tile": tile})
    return states, sum(counts.values())


def _tracker_cards(rows: list[dict]) -> list[dict]:
    """The page's rows, with what each card shows worked out once here, not in the template."""
    topics = defaultdict(list)
    if rows:
        links = (
            Initiative.topics.through.objects.filter(initiative__in=[r["pk"] for r in rows])
            .order_by("topic__position", "topic__name")
            .values_list("initiative_id", "topic__name")
        )
        for initiative_id, name in links:
            topics[initiative_id].append(name)
    # "/legislation/": one reverse() for the page instead of one per card.
    prefix = reverse("campaigns:initiative_detail", args=[0]).removesuffix("0/")
    # The labels in the reader's language, translated once for the page rather than each
    # time the template reads one.
    levels = {value: str(label) for value, label in LEVEL_NAMES.items()}
    statuses = {value: str(label) for value, label in STATUS_NAMES.items()}
    positions = {value: str(label) for value, label in POSITION_NAMES.items()}
    for row in rows:
        row["url"] = f"{prefix}{row['pk']}/"
        row["place"] = place_name(row["level"], row["state"], row["jurisdiction"])
        row["level_label"] = levels[row["level"]]
        row["status_label"] = statuses[row["status"]]
        row["position_label"] = (
            "" if row["position"] == Initiative.Position.NONE else positions[row["position"]]
        )
        row["reported_by"] = ngettext(
            "Reported by %(counter)s organization",
            "Reported by %(counter)s organizations",
            row["report_count"],
        ) % {"counter": row["report_count"]}
        if topics[row["pk"]]:
            row["topics"] = gettext("Topics: %(topics)s") % {"topics": ", ".join(topics[row["pk"]])}
    return rows


def _tracker_results(
    request: HttpRequest, org: Organization | None, filterset: InitiativeFilter | None
) -> str:
    """The tracker's results and its map, rendered; `filterset` None when unfiltered."""
    bare = Initiative.objects.visible_to(org)
    if filterset is None:
        initiatives = _tracker_queryset(org)
    else:
        initiatives = filterset.qs
        bare = filterset.filter_queryset(bare)  # the same filters, without the annotations
    states, total = _state_counts(bare)
    paginator = Paginator(initiatives.values(*CARD_FIELDS), TRACKER_PAGE_SIZE)
    paginator.count = total  # already counted with the states (a cached_property)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    ctx = {
        "page_obj": page,
        "initiatives": _tracker_cards(list(page.object_list)),
        "query_string": query.urlencode(),
        "states": states,
        "states_with_any": [s for s in states if s["count"]],
        "is_staff_view": org is None,
    }
    return render_to_string("campaigns/_tracker_results.html", ctx, request=request)


@require_GET
def initiative_list(request: HttpRequest) -> HttpResponse:
    org = viewer_org(request)
    filters = request.GET.copy()
    filters.pop("page", None)
    ctx = {
        "is_staff_view": org is None,
        "unfiltered": not filters,
        "query_string": filters.urlencode(),
    }
    if filters:
        filterset = InitiativeFilter(request.GET, queryset=_tracker_queryset(org))
        ctx.update(filter=filterset, results=_tracker_results(request, org, filterset))
    else:
        ctx.update(
            filter_form=empty_filter_form(
                request, InitiativeFilter, gettext("Find initiatives"), gettext("Show results")
            ),
            results=_tracker_results(request, org, None),
        )
    return render(request, "campaigns/initiative_list.html", ctx)


@require_GET
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = viewer_org(request)
    page = initiative_page(pk)
    if page is None or not may_see(page, org):
        raise Http404("No such initiative")
    reports = page["reports"]
    ctx = {
        "initiative": page["initiative"],
        "topics": page["topics"],
        "reporting_organizations": [r["organization_name"] for r in reports],
        "our_report": next((r for r in reports if org and r["organization_id"] == org.pk), None),
        "history": page["history"],
        # Staff see every call's items, as on the calls pages; partners those they may open.
        "agenda_items": [
            item for item in page["agenda"] if item["for_members"] or request.user.is_staff
        ],
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
            gettext(
                "Your organization has already reported this one, so there is nothing more to "
                "do. Thank you for keeping the coalition informed."
            ),
        )
        return redirect(already.initiative)
    if created:
        messages.success(
            request, gettext("Thanks — your report is in. Coalition staff will check it soon.")
        )
    else:
        count = initiative.reports.count()
        messages.success(
            request,
            ngettext(
                "Thanks — %(count)s organization has now reported this. "
                "Your report was added to the one already in the tracker.",
                "Thanks — %(count)s organizations have now reported this. "
                "Your report was added to the one already in the tracker.",
                count,
            )
            % {"count": count},
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


# The export's headers, in the language of the person downloading it.
CSV_COLUMNS = [
    pgettext_lazy("CSV column", "id"),
    pgettext_lazy("CSV column", "title"),
    pgettext_lazy("CSV column", "level"),
    pgettext_lazy("CSV column", "state"),
    pgettext_lazy("CSV column", "jurisdiction"),
    pgettext_lazy("CSV column", "bill number"),
    pgettext_lazy("CSV column", "status"),
    pgettext_lazy("CSV column", "introduced"),
    pgettext_lazy("CSV column", "next hearing"),
    pgettext_lazy("CSV column", "topics"),
    pgettext_lazy("CSV column", "coalition position"),
    pgettext_lazy("CSV column", "priority"),
    pgettext_lazy("CSV column", "review state"),
    pgettext_lazy("CSV column", "reported by (organizations)"),
    pgettext_lazy("CSV column", "reporting organizations"),
    pgettext_lazy("CSV column", "link"),
]


def _csv_cell(value) -> str:
    # Spreadsheets run cells that start like a formula; a leading quote keeps them text.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@require_GET
@staff_required
def initiative_export(request: HttpRequest) -> HttpResponse:
    reports = Report.objects.select_related("organization")
    qs = Initiative.objects.with_report_count().prefetch_related(
        "topics", Prefetch("reports", queryset=reports)
    )
    rows = list(InitiativeFilter(request.GET or None, queryset=qs).qs)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="legislation-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow([str(column) for column in CSV_COLUMNS])
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
