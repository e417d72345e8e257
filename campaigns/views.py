import csv
import datetime
import re
from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from members.access import membership_for, staff_required
from members.models import Membership, Organization, State, User

from . import call_pages, dashboard, legislation
from .calendar import call_ics, feed_ics
from .filters import InitiativeFilter, PracticeFilter
from .forms import FeedTokenForm, PracticeForm, ReportForm, RSVPForm, ShareForm, TriedForm
from .models import (
    AgendaItem,
    CalendarFeedToken,
    CallRSVP,
    CoalitionUpdate,
    DayOfAction,
    Initiative,
    InitiativeExport,
    Practice,
    Report,
    StrategyCall,
    normalize_bill_number,
    place_name,
)
from .services import (
    AlreadyReported,
    PracticeError,
    day_of_action_took_part,
    default_jurisdiction,
    initiative_similar_titles,
    practice_count_view,
    practice_save,
    practice_tried,
    report_file,
    rsvp_set,
    update_share,
)


def _viewer(request: HttpRequest) -> Membership | None:
    """Partner members see calls; staff may look too, with or without an organization."""
    if request.user.is_staff:
        try:
            return membership_for(request)
        except Http404:
            return None
    return membership_for(request)


def _visible_calls(request: HttpRequest):
    calls = StrategyCall.objects.all()
    return calls if request.user.is_staff else calls.for_members()


def _redirect_back(request: HttpRequest, fallback: str) -> HttpResponse:
    """Back to the page the form was on: a path on this site, never another host."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(fallback)


# --- Strategy calls ---------------------------------------------------------------------


@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    membership = _viewer(request)
    now = timezone.now()
    days = dashboard.upcoming_days(timezone.localdate(now))
    ctx = {
        "membership": membership,
        "calls": call_pages.call_list(request.GET.get("page"), now),
        "next_call_html": dashboard.next_call_html(now),
        "days_panel": dashboard.days_of_action_panel(days, membership and membership.organization),
    }
    return render(request, "campaigns/call_list.html", ctx)


@require_GET
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _viewer(request)
    shown = call_pages.call_with_agenda(pk)
    if shown is None or not (request.user.is_staff or shown["call"].is_visible_to_members()):
        raise Http404("No such call")
    call = shown["call"]
    can_rsvp = (
        membership is not None
        and call.status == StrategyCall.Status.PUBLISHED
        and call.ends_at > timezone.now()
    )
    ctx = {
        "call": call,
        "agenda": shown["agenda"],
        "agenda_html": call_pages.agenda_html(
            shown["agenda"], membership and membership.organization
        ),
        "can_rsvp": can_rsvp,
        "answer": _answer(call, request.user) if can_rsvp else None,
    }
    return render(request, "campaigns/call_detail.html", ctx)


def _answer(call: StrategyCall, user: User) -> bool | None:
    """Whether the person plans to come: True, False, or None before answering."""
    answers = CallRSVP.objects.filter(call_id=call.pk, user_id=user.pk)  # one at most
    return next(iter(answers.values_list("attending", flat=True)), None)


@require_GET
def call_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    _viewer(request)
    call = get_object_or_404(_visible_calls(request), pk=pk)
    response = HttpResponse(call_ics(call), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="strategy-call-{call.pk}.ics"'
    return response


@require_POST
def call_rsvp(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_for(request)
    call = get_object_or_404(StrategyCall.objects.published(), pk=pk)
    form = RSVPForm(request.POST)
    if call.ends_at <= timezone.now():
        messages.error(request, "This call has already happened, so RSVPs are closed.")
    elif not form.is_valid():
        messages.error(request, form.errors["attending"][0])
    else:
        rsvp_set(call=call, membership=membership, attending=form.cleaned_data["attending"])
        messages.success(
            request,
            "Thank you. We look forward to seeing you on the call."
            if form.cleaned_data["attending"]
            else "Thank you for letting us know. The minutes will be posted here afterwards.",
        )
    return redirect(reverse("campaigns:call_detail", args=[call.pk]) + "#rsvp")


# --- Calendar feed ----------------------------------------------------------------------

FEED_TOKEN_FORMAT = re.compile(r"[A-Za-z0-9_-]{1,64}")  # what secrets.token_urlsafe() makes


@login_not_required
@require_GET
def calendar_feed(request: HttpRequest) -> HttpResponse:
    """Fetched by calendar apps without a session: the private token is the key."""
    token = request.GET.get("token", "")
    # PostgreSQL refuses some characters (NUL) with an error rather than finding no row.
    feed = (
        CalendarFeedToken.objects.select_related("user").filter(token=token).first()
        if FEED_TOKEN_FORMAT.fullmatch(token)
        else None
    )
    if feed is None or not feed.user.is_active:
        raise Http404("No such calendar feed")
    user = feed.user
    partner = Membership.objects.filter(
        user=user,
        organization__status__in=[Organization.Status.ACTIVE, Organization.Status.PAUSED],
    ).exists()
    if not (partner or user.is_staff):
        raise Http404("No such calendar feed")
    response = HttpResponse(feed_ics(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="coalition-calls.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


def feed_url(feed: CalendarFeedToken) -> str:
    return f"{settings.SITE_ROOT}{reverse('campaigns:calendar_feed')}?token={feed.token}"


def feed_settings(request: HttpRequest) -> HttpResponse:
    _viewer(request)
    feed = CalendarFeedToken.objects.filter(user=request.user).first()
    if request.method == "POST":
        form = FeedTokenForm(request.POST)
        if form.is_valid() and form.cleaned_data["action"] == "create":
            CalendarFeedToken.objects.filter(user=request.user).delete()
            CalendarFeedToken.objects.create(user=request.user)
            messages.success(
                request,
                "Your calendar link is ready. Any older link no longer works."
                if feed
                else "Your calendar link is ready.",
            )
        elif form.is_valid():
            CalendarFeedToken.objects.filter(user=request.user).delete()
            messages.success(request, "Your calendar link is turned off.")
        return redirect("campaigns:feed_settings")
    ctx = {"feed": feed, "feed_url": feed_url(feed) if feed else ""}
    return render(request, "campaigns/feed_settings.html", ctx)


# --- Days of action ---------------------------------------------------------------------

RECENT_DAYS = 45


@require_GET
def days_of_action(request: HttpRequest) -> HttpResponse:
    membership = _viewer(request)
    today = timezone.localdate()
    published = DayOfAction.objects.published()
    upcoming = list(published.upcoming(today)[:20])
    recent = list(
        published.filter(
            date__lt=today, date__gte=today - datetime.timedelta(days=RECENT_DAYS)
        ).order_by("-date")
    )
    ctx = {
        "membership": membership,
        "upcoming": dashboard.with_participation(upcoming, membership, today),
        "recent": dashboard.with_participation(recent, membership, today),
    }
    return render(request, "campaigns/days_of_action.html", ctx)


@require_POST
def day_took_part(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_for(request)
    day = get_object_or_404(DayOfAction.objects.published(), pk=pk)
    if not day.can_record():
        messages.error(request, f"You can record taking part from {day.date:%B} {day.date.day}.")
    else:
        _, created = day_of_action_took_part(day=day, membership=membership)
        messages.success(
            request,
            f"Thank you for taking part in {day.title}. It counts toward your pledge this month."
            if created
            else f"{membership.organization} is already recorded for {day.title}.",
        )
    return _redirect_back(request, reverse("campaigns:days_of_action"))


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
        states.append({"code": code, "name": name, "count": count, "tile": tile})
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
    for row in rows:
        row["url"] = f"{prefix}{row['pk']}/"
        row["place"] = place_name(row["level"], row["state"], row["jurisdiction"])
        row["level_label"] = LEVEL_NAMES[row["level"]]
        row["status_label"] = STATUS_NAMES[row["status"]]
        row["position_label"] = (
            "" if row["position"] == Initiative.Position.NONE else POSITION_NAMES[row["position"]]
        )
        row["topics"] = ", ".join(topics[row["pk"]])
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


def _empty_filter_form(request: HttpRequest) -> str:
    ctx = {
        "filter": InitiativeFilter(),
        "heading": "Find initiatives",
        "submit_label": "Show results",
    }
    return render_to_string("campaigns/_filter_form.html", ctx, request=request)


@require_GET
def initiative_list(request: HttpRequest) -> HttpResponse:
    org = _viewer_org(request)
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
            filter_form=_empty_filter_form(request), results=_tracker_results(request, org, None)
        )
    return render(request, "campaigns/initiative_list.html", ctx)


@require_GET
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = _viewer_org(request)
    page = legislation.initiative_page(pk)
    if page is None or not legislation.may_see(page, org):
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
@staff_required
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


# Best practices and coalition updates

PRACTICES_PER_PAGE = 20
RELATED_PRACTICES = 5


def _query_string(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_GET
def practice_list(request: HttpRequest) -> HttpResponse:
    org = _viewer_org(request)
    practices = (
        Practice.objects.accepted()
        .select_related("organization")
        .prefetch_related("topics")
        .annotate(tried_count=Count("tried", distinct=True))
        .order_by("-decided_at", "-pk")
    )
    filterset = PracticeFilter(request.GET or None, queryset=practices)
    page = Paginator(filterset.qs, PRACTICES_PER_PAGE).get_page(request.GET.get("page"))
    ctx = {
        "filter": filterset,
        "page_obj": page,
        "practices": page.object_list,
        "query_string": _query_string(request),
        "is_staff_view": org is None,
    }
    return render(request, "campaigns/practice_list.html", ctx)


@require_GET
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = _viewer_org(request)
    practice = get_object_or_404(
        Practice.objects.visible_to(org).select_related("organization").prefetch_related("topics"),
        pk=pk,
    )
    ours = org is not None and practice.organization_id == org.pk
    if practice.is_accepted and org is not None and not ours:
        practice_count_view(practice=practice)
    tried = list(practice.tried.select_related("organization"))
    related = (
        Practice.objects.accepted()
        .filter(topics__in=practice.topics.all())
        .exclude(pk=practice.pk)
        .select_related("organization")
        .distinct()
        .order_by("-decided_at", "-pk")[:RELATED_PRACTICES]
    )
    ctx = {
        "practice": practice,
        "ours": ours,
        "tried": tried,
        "our_tried": next((t for t in tried if org and t.organization_id == org.pk), None),
        # The organization that shared it sees who tried it; everyone else, how many.
        "show_who_tried": ours or org is None,
        "can_mark_tried": practice.is_accepted and org is not None and not ours,
        "tried_form": TriedForm(),
        "related": related,
        "agenda_items": AgendaItem.objects.filter(
            practices=practice, call__in=StrategyCall.objects.for_members()
        ).select_related("call"),
    }
    return render(request, "campaigns/practice_detail.html", ctx)


@require_POST
def practice_tried_mark(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_for(request)
    practice = get_object_or_404(
        Practice.objects.accepted().exclude(organization=membership.organization), pk=pk
    )
    form = TriedForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["note"][0])
    else:
        _, created = practice_tried(
            practice=practice, membership=membership, note=form.cleaned_data["note"]
        )
        messages.success(
            request,
            "Thank you for telling us. The organization that shared it will see it helped."
            if created
            else f"{membership.organization} has already said it tried this.",
        )
    return redirect(practice.get_absolute_url() + "#tried")


def _practice_form_page(
    request: HttpRequest, membership: Membership, practice: Practice | None
) -> HttpResponse:
    submit = "submit" in request.POST
    form = PracticeForm(request.POST or None, instance=practice, submit=submit)
    if request.method == "POST" and form.is_valid():
        try:
            saved = practice_save(
                membership=membership, data=form.cleaned_data, practice=practice, submit=submit
            )
        except PracticeError as error:
            messages.error(request, str(error))
            return redirect(practice or "campaigns:practice_mine")
        if submit:
            messages.success(
                request,
                "Thank you for sharing this. Coalition staff will read it and email you.",
            )
            return redirect(saved)
        messages.success(request, "Your draft is saved. You can finish it any time.")
        return redirect("campaigns:practice_edit", saved.pk)
    return render(request, "campaigns/practice_form.html", {"form": form, "practice": practice})


def practice_new(request: HttpRequest) -> HttpResponse:
    return _practice_form_page(request, membership_for(request), None)


def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_for(request)
    practice = get_object_or_404(
        Practice.objects.filter(organization=membership.organization), pk=pk
    )
    if not practice.is_editable:
        messages.info(
            request, "This practice is with coalition staff, so it cannot be changed now."
        )
        return redirect(practice)
    return _practice_form_page(request, membership, practice)


@require_GET
def practice_mine(request: HttpRequest) -> HttpResponse:
    membership = membership_for(request)
    practices = Practice.objects.filter(organization=membership.organization).order_by(
        "-updated_at", "-pk"
    )
    page = Paginator(practices, PRACTICES_PER_PAGE).get_page(request.GET.get("page"))
    ctx = {"page_obj": page, "practices": page.object_list, "organization": membership.organization}
    return render(request, "campaigns/practice_mine.html", ctx)


def _update_page(
    request: HttpRequest, update: CoalitionUpdate, membership: Membership | None, form: ShareForm
) -> HttpResponse:
    share = membership and update.shares.filter(organization=membership.organization).first()
    ctx = {"update": update, "membership": membership, "share": share, "form": form}
    return render(request, "campaigns/update_detail.html", ctx)


@require_GET
def update_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _viewer(request)
    update = get_object_or_404(CoalitionUpdate.objects.published(), pk=pk)
    return _update_page(request, update, membership, ShareForm())


@require_POST
def update_shared(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_for(request)
    update = get_object_or_404(CoalitionUpdate.objects.published(), pk=pk)
    form = ShareForm(request.POST)
    if not form.is_valid():
        return _update_page(request, update, membership, form)
    _, created = update_share(
        update=update, membership=membership, reach=form.cleaned_data["reach"]
    )
    messages.success(
        request,
        "Thank you for passing it on. It counts toward your pledge this month."
        if created
        else f"{membership.organization} is already recorded as sharing this. Thank you.",
    )
    return _redirect_back(request, reverse("dashboard"))
