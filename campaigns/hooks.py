"""What campaigns adds to the pledge reminder's "what still counts this month"."""

import datetime

from django.conf import settings
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

from pledges.models import next_month

from .models import DayOfAction, StrategyCall, UpdateShare, coalition_zone


def upcoming_for_month(first_of_month: datetime.date) -> list[dict]:
    """The next published call and the days of action still ahead in that month."""
    zone = coalition_zone()
    now = timezone.now()
    start = datetime.datetime.combine(first_of_month, datetime.time(), tzinfo=zone)
    end = datetime.datetime.combine(next_month(first_of_month), datetime.time(), tzinfo=zone)
    items = []
    call = (
        StrategyCall.objects.published()
        .filter(starts_at__gte=max(now, start), starts_at__lt=end)
        .order_by("starts_at")
        .first()
    )
    if call:
        items.append(
            {
                # Lazy: a reminder sweep reads the list once and writes in each one's language.
                "title": format_lazy(gettext_lazy("Strategy call: {title}"), title=call.title),
                "when": timezone.localtime(call.starts_at),
                "url": settings.SITE_ROOT + call.get_absolute_url(),
            }
        )
    today = timezone.localdate()
    days = (
        DayOfAction.objects.published()
        .filter(date__gte=max(today, first_of_month), date__lt=next_month(first_of_month))
        .order_by("date")
    )
    for day in days:
        items.append(
            {
                "title": format_lazy(gettext_lazy("Day of action: {title}"), title=day.title),
                "when": day.date,
                "url": settings.SITE_ROOT + day.get_absolute_url(),
            }
        )
    return items


def update_reach_table(months: list[datetime.date]) -> dict | None:
    """For the coalition-health page: coalition updates partners shared, and the people
    they say they reached, per month."""
    if not months:
        return None
    zone = coalition_zone()
    start = datetime.datetime.combine(months[0], datetime.time(), tzinfo=zone)
    rows = (
        UpdateShare.objects.filter(created_at__gte=start)
        .annotate(first=TruncMonth("created_at", tzinfo=zone))
        .values("first")
        .annotate(shares=Count("pk"), reach=Sum("reach"))
    )
    by_month = {row["first"].date(): row for row in rows}
    empty = {"shares": 0, "reach": 0}
    return {
        "heading": gettext("Coalition updates passed on"),
        "caption": gettext(
            "Updates partners shared with their networks, and the people they reached"
        ),
        "columns": [
            gettext("Month"),
            gettext("Times shared"),
            gettext("People reached (as reported)"),
        ],
        "rows": [
            [
                date_format(first, "YEAR_MONTH_FORMAT"),
                by_month.get(first, empty)["shares"],
                by_month.get(first, empty)["reach"] or 0,
            ]
            for first in months
        ],
    }
