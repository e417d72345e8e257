"""Days of action: the list and recording that an organization took part."""

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from members.access import membership_for

from .. import dashboard
from ..models import DayOfAction
from ..services import day_of_action_took_part
from .common import redirect_back, viewer

RECENT_DAYS = 45


@require_GET
def days_of_action(request: HttpRequest) -> HttpResponse:
    membership = viewer(request)
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
        messages.error(
            request,
            _("You can record taking part from %(date)s.")
            % {"date": date_format(day.date, "MONTH_DAY_FORMAT")},
        )
    else:
        participation, created = day_of_action_took_part(day=day, membership=membership)
        names = {"day": day.title, "organization": membership.organization}
        messages.success(
            request,
            _("Thank you for taking part in %(day)s. It counts toward your pledge this month.")
            % names
            if created
            else _("%(organization)s is already recorded for %(day)s.") % names,
        )
    return redirect_back(request, reverse("campaigns:days_of_action"))
