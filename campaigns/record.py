"""An organization's own record, as one CSV: its months and their status, activities,
legislative reports, practices, call attendance and shared updates.

Composed here because campaigns sees every part of it (members and pledges below it)."""

import csv
from collections.abc import Iterator

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext, pgettext_lazy

from members.models import Organization
from pledges.models import Activity
from pledges.status import months_since, pledge_grid

from .models import CallAttendance, Practice, Report, UpdateShare

# In the language of the person downloading: the headers, the sections and the labels.
COLUMNS = [
    pgettext_lazy("record column", "section"),
    pgettext_lazy("record column", "date"),
    pgettext_lazy("record column", "type or status"),
    pgettext_lazy("record column", "title"),
    pgettext_lazy("record column", "detail"),
    pgettext_lazy("record column", "link"),
]


def _cell(value) -> str:
    # Spreadsheets run cells that start like a formula; a leading quote keeps them text.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _day(moment) -> str:
    return timezone.localdate(moment).isoformat()


def record_rows(organization: Organization) -> Iterator[list]:
    """Every row of the record, oldest first within each section; a query per section."""
    months = months_since(organization.joined_on)
    for item in pledge_grid([organization], months)[organization.pk]:
        if item.status is not None:
            yield [
                pgettext("record section", "month"),
                item.month.isoformat(),
                item.status.label,
                "",
                "",
                "",
            ]
    activities = Activity.objects.filter(organization=organization).order_by("occurred_on", "pk")
    for activity in activities:
        how = gettext("credited automatically") if activity.is_credit else gettext("logged")
        yield [
            pgettext("record section", "activity"),
            activity.occurred_on.isoformat(),
            activity.get_kind_display(),
            activity.summary,
            how,
            activity.link,
        ]
    reports = (
        Report.objects.filter(organization=organization)
        .select_related("initiative")
        .order_by("created_at", "pk")
    )
    for report in reports:
        initiative = report.initiative
        yield [
            pgettext("record section", "legislative report"),
            _day(report.created_at),
            initiative.get_review_state_display(),
            initiative.title,
            " ".join(filter(None, [initiative.place(), initiative.bill_number])),
            initiative.source_url,
        ]
    for practice in Practice.objects.filter(organization=organization).order_by("created_at", "pk"):
        yield [
            pgettext("record section", "practice"),
            _day(practice.created_at),
            practice.get_status_display(),
            practice.title,
            "",
            "",
        ]
    attendances = (
        CallAttendance.objects.filter(organization=organization)
        .select_related("call")
        .order_by("call__starts_at")
    )
    for attendance in attendances:
        yield [
            pgettext("record section", "call attendance"),
            attendance.call.local_date.isoformat(),
            pgettext("record status", "Attended"),
            attendance.call.title,
            "",
            "",
        ]
    shares = (
        UpdateShare.objects.filter(organization=organization)
        .select_related("update")
        .order_by("created_at", "pk")
    )
    for share in shares:
        reach = (
            ngettext(
                "reached about %(count)s person", "reached about %(count)s people", share.reach
            )
            % {"count": share.reach}
            if share.reach
            else ""
        )
        yield [
            pgettext("record section", "update shared"),
            _day(share.created_at),
            pgettext("record status", "Shared"),
            share.update.title,
            reach,
            share.update.link,
        ]


def record_csv(organization: Organization) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="{organization.slug}-record-{stamp}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow([str(column) for column in COLUMNS])
    for row in record_rows(organization):
        writer.writerow([_cell(value) for value in row])
    return response
