"""What campaigns adds to the pledge reminder's "what still counts this month"."""

import datetime

from django.conf import settings
from django.utils import timezone

from pledges.models import next_month

from .models import DayOfAction, StrategyCall, coalition_zone


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
                "title": f"Strategy call: {call.title}",
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
                "title": f"Day of action: {day.title}",
                "when": day.date,
                "url": settings.SITE_ROOT + day.get_absolute_url(),
            }
        )
    return items
