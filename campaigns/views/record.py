"""The organization's record as CSV: for its admins, and for staff about any organization."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from members.access import membership_for, staff_required
from members.models import Organization

from ..record import record_csv


@require_GET
def org_record(request: HttpRequest) -> HttpResponse:
    membership = membership_for(request, admin=True)
    return record_csv(membership.organization)


@require_GET
@staff_required
def org_record_staff(request: HttpRequest, pk: int) -> HttpResponse:
    return record_csv(get_object_or_404(Organization, pk=pk))
