"""An organization's own record, as one CSV: its months and their status, activities,
legislative reports, practices, call attendance and shared updates.

Composed here because campaigns sees every part of it (members and pledges below it)."""

import csv
from collections.abc import Iterator

from django.http import HttpResponse
from django.utils import timezone

from members.models import Organization
from pledges.models import Activity
from pledges.status import months_since, pledge_grid

from .models import CallAttendance, Practice, Report, UpdateShare

COLUMNS = ["section", "date", "type or status", "title", "detail", "link"]


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
            yield ["month", item.month.isoformat(), item.status.label, "", "", ""]
    activities = Activity.objects.filter(organization=organization).order_by("occurred_on", "pk")
    for activity in activities:
        how = "credited automatically" if activity.is_credit else "logged"
        yield [
            "activity",
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
            "legislative report",
            _day(report.created_at),
            initiative.get_review_state_display(),
            initiative.title,
            " ".join(filter(None, [initiative.place(), initiative.bill_number])),
            initiative.source_url,
        ]
    for practice in Practice.objects.filter(organization=organization).order_by("created_at", "pk"):
        yield [
            "practice",
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
            "call attendance",
            attendance.call.local_date.isoformat(),
            "Attended",
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
        reach = f"reached about {share.reach} people" if share.reach else ""
        yield [
            "update shared",
            _day(share.created_at),
            "Shared",
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
    writer.writerow(COLUMNS)
    for row in record_rows(organization):
        writer.writerow([_cell(value) for value in row])
    return response
