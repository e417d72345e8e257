import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from members.access import membership_for
from members.models import Membership, Organization

from . import dashboard
from .calendar import call_ics, feed_ics
from .forms import FeedTokenForm, RSVPForm
from .models import CalendarFeedToken, CallRSVP, DayOfAction, StrategyCall
from .services import day_of_action_took_part, rsvp_set


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
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


# --- Strategy calls ---------------------------------------------------------------------

CALLS_PER_PAGE = 10


def _with_counts(calls):
    going = Q(rsvps__attending=True)
    return calls.annotate(
        agenda_count=Count("agenda_items", distinct=True),
        people_going=Count("rsvps", filter=going, distinct=True),
        orgs_going=Count("rsvps__organization", filter=going, distinct=True),
    )


@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    membership = _viewer(request)
    now = timezone.now()
    calls = _with_counts(StrategyCall.objects.for_members())
    past = Paginator(calls.past(now), CALLS_PER_PAGE).get_page(request.GET.get("page"))
    ctx = {
        "membership": membership,
        "upcoming": list(calls.upcoming(now)[:12]),
        "page_obj": past,
        "next_call": dashboard.next_call_panel(membership),
        "days_panel": dashboard.days_of_action_panel(membership),
    }
    return render(request, "campaigns/call_list.html", ctx)


@require_GET
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _viewer(request)
    call = get_object_or_404(_visible_calls(request), pk=pk)
    going = call.rsvps.filter(attending=True).aggregate(
        people=Count("pk"), orgs=Count("organization", distinct=True)
    )
    rsvp = CallRSVP.objects.filter(call=call, user=request.user).first() if membership else None
    ctx = {
        "call": call,
        # The lead adds `.prefetch_related("initiatives")` here when agenda items link them.
        "agenda": call.agenda_items.all(),
        "going": going,
        "rsvp": rsvp,
        "can_rsvp": membership is not None
        and call.status == StrategyCall.Status.PUBLISHED
        and call.ends_at > timezone.now(),
        "is_past": call.ends_at <= timezone.now(),
    }
    return render(request, "campaigns/call_detail.html", ctx)


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


@login_not_required
@require_GET
def calendar_feed(request: HttpRequest) -> HttpResponse:
    """Fetched by calendar apps without a session: the private token is the key."""
    token = request.GET.get("token", "")
    feed = (
        CalendarFeedToken.objects.select_related("user").filter(token=token).first()
        if token
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
