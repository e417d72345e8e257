"""Whether each organization kept its monthly pledge.

The same code serves one organization (its dashboard) and a page of organizations (the
staff grid): two queries whatever the number of organizations or months, then Python.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Organization

from .models import Activity, PledgePause, month, next_month


class PledgeStatus(models.TextChoices):
    MET = "met", _("Met")
    EXCUSED = "excused", _("Excused")
    NOT_YET = "not_yet", _("Not yet")
    MISSED = "missed", _("Missed")


KEPT = (PledgeStatus.MET, PledgeStatus.EXCUSED)


@dataclass(frozen=True)
class MonthStatus:
    month: datetime.date
    # None for months before the organization joined: they do not count.
    status: PledgeStatus | None

    @property
    def badge(self) -> str:
        return f"badge-{self.status.replace('_', '-')}" if self.status else ""


def previous_month(first: datetime.date) -> datetime.date:
    return (first - datetime.timedelta(days=1)).replace(day=1)


def months_back(count: int, *, today: datetime.date | None = None) -> list[datetime.date]:
    """The last `count` pledge months, oldest first, ending with the current one."""
    months = [month(today or timezone.localdate())]
    while len(months) < count:
        months.append(previous_month(months[-1]))
    return months[::-1]


def months_since(first: datetime.date, *, today: datetime.date | None = None):
    """Every pledge month from `first` to the current one, oldest first."""
    current = month(today or timezone.localdate())
    months, cursor = [], month(first)
    while cursor <= current:
        months.append(cursor)
        cursor = next_month(cursor)
    return months


def month_status(
    first: datetime.date,
    *,
    joined_on: datetime.date,
    active: bool,
    excused: bool,
    current: datetime.date,
) -> PledgeStatus | None:
    if first < month(joined_on) or first > current:
        return None
    if active:
        return PledgeStatus.MET
    if excused:
        return PledgeStatus.EXCUSED
    return PledgeStatus.NOT_YET if first == current else PledgeStatus.MISSED


def pledge_grid(
    organizations: Iterable[Organization],
    months: list[datetime.date],
    *,
    today: datetime.date | None = None,
) -> dict[int, list[MonthStatus]]:
    """Each organization's status for each of `months` (oldest first), in two queries."""
    organizations = list(organizations)
    ids = [org.pk for org in organizations]
    if not ids or not months:
        return {org.pk: [] for org in organizations}
    current = month(today or timezone.localdate())
    active = set(
        Activity.objects.filter(
            organization_id__in=ids,
            occurred_on__gte=months[0],
            occurred_on__lt=next_month(months[-1]),
        )
        .annotate(first=TruncMonth("occurred_on"))
        .values_list("organization_id", "first")
        .order_by()  # the model's ordering would add its columns to the DISTINCT
        .distinct()
    )
    excused = set(
        PledgePause.objects.filter(organization_id__in=ids, month__in=months).values_list(
            "organization_id", "month"
        )
    )
    return {
        org.pk: [
            MonthStatus(
                first,
                month_status(
                    first,
                    joined_on=org.joined_on,
                    active=(org.pk, first) in active,
                    excused=(org.pk, first) in excused,
                    current=current,
                ),
            )
            for first in months
        ]
        for org in organizations
    }


def streaks(statuses: list[MonthStatus]) -> tuple[int, int]:
    """(current, longest) runs of kept months; an excused month keeps the run going.

    The running month does not break the current streak while it is "not yet".
    """
    current = longest = run = 0
    for item in statuses:
        if item.status in KEPT:
            run += 1
        elif item.status == PledgeStatus.MISSED:
            run = 0
        longest = max(longest, run)
    current = run
    return current, longest


def _active_in(first: datetime.date):
    return Activity.objects.in_month(first).filter(organization=OuterRef("pk"))


def _paused_in(first: datetime.date):
    return PledgePause.objects.filter(organization=OuterRef("pk"), month=first)


def organizations_not_met(first: datetime.date | None = None) -> models.QuerySet:
    """Active organizations that have neither met nor been excused for the month (one query)."""
    first = first or month(timezone.localdate())
    return (
        Organization.objects.active()
        .filter(joined_on__lt=next_month(first))
        .filter(~Exists(_active_in(first)), ~Exists(_paused_in(first)))
    )


def organizations_at_risk(
    queryset: models.QuerySet | None = None, *, today: datetime.date | None = None
) -> models.QuerySet:
    """Organizations that missed both of the last two ended months."""
    last = previous_month(month(today or timezone.localdate()))
    before = previous_month(last)
    queryset = Organization.objects.active() if queryset is None else queryset
    return queryset.filter(joined_on__lt=next_month(before)).filter(
        ~Exists(_active_in(last)),
        ~Exists(_paused_in(last)),
        ~Exists(_active_in(before)),
        ~Exists(_paused_in(before)),
    )
