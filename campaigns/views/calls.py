"""Strategy calls: the list, a call's page, its calendar file, RSVPs, the calendar feed."""

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from members.access import membership_for
from members.models import Membership, Organization, User

from .. import call_pages, dashboard
from ..calendar import call_ics, feed_ics
from ..forms import FeedTokenForm, RSVPForm
from ..models import CalendarFeedToken, CallRSVP, StrategyCall
from ..services import rsvp_set
from .common import viewer


def _visible_calls(request: HttpRequest):
    calls = StrategyCall.objects.all()
    return calls if request.user.is_staff else calls.for_members()


# --- Strategy calls ---------------------------------------------------------------------


@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    membership = viewer(request)
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
    membership = viewer(request)
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
    viewer(request)
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
        messages.error(request, _("This call has already happened, so RSVPs are closed."))
    elif not form.is_valid():
        messages.error(request, form.errors["attending"][0])
    else:
        rsvp_set(call=call, membership=membership, attending=form.cleaned_data["attending"])
        messages.success(
            request,
            _("Thank you. We look forward to seeing you on the call.")
            if form.cleaned_data["attending"]
            else _("Thank you for letting us know. The minutes will be posted here afterwards."),
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
    with translation.override(user.language):  # the person's, not the calendar app's
        ics = feed_ics()
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="coalition-calls.ics"'
    response["Content-Language"] = user.language
    response["Cache-Control"] = "private, max-age=900"
    return response


def feed_url(feed: CalendarFeedToken) -> str:
    return f"{settings.SITE_ROOT}{reverse('campaigns:calendar_feed')}?token={feed.token}"


def feed_settings(request: HttpRequest) -> HttpResponse:
    viewer(request)
    feed = CalendarFeedToken.objects.filter(user=request.user).first()
    if request.method == "POST":
        form = FeedTokenForm(request.POST)
        if form.is_valid() and form.cleaned_data["action"] == "create":
            CalendarFeedToken.objects.filter(user=request.user).delete()
            CalendarFeedToken.objects.create(user=request.user)
            messages.success(
                request,
                _("Your calendar link is ready. Any older link no longer works.")
                if feed
                else _("Your calendar link is ready."),
            )
        elif form.is_valid():
            CalendarFeedToken.objects.filter(user=request.user).delete()
            messages.success(request, _("Your calendar link is turned off."))
        return redirect("campaigns:feed_settings")
    ctx = {"feed": feed, "feed_url": feed_url(feed) if feed else ""}
    return render(request, "campaigns/feed_settings.html", ctx)
