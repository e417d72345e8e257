"""Excused months on request: a partner admin asks, staff approve or decline."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from members.models import Organization, User
from members.services import organization_admins
from outbox.emails import queue_email_to_people

from .models import PauseRequest, PledgePause


class PauseRequestError(Exception):
    """The request cannot go ahead; the message is shown to the person."""


def _staff() -> list[User]:
    return list(User.objects.filter(is_staff=True, is_active=True).order_by("email"))


@transaction.atomic
def pause_request_submit(
    *, organization: Organization, user: User, request: PauseRequest
) -> PauseRequest:
    """Save the request and tell the staff; one request waits at a time."""
    request.organization = organization
    request.requested_by = user
    request.status = PauseRequest.Status.PENDING
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:
        raise PauseRequestError(
            gettext(
                "Your organization already has a request waiting. The staff will answer it soon."
            )
        ) from None
    staff = _staff()
    if staff:
        queue_email_to_people(
            name="pause_request_new",
            people=staff,
            context={
                "pause_request": request,
                "admin_link": settings.SITE_ROOT
                + reverse("admin:pledges_pauserequest_change", args=[request.pk]),
            },
        )
    return request


def _lock_pending(pause_request: PauseRequest) -> PauseRequest:
    locked = (
        PauseRequest.objects.select_for_update()
        .select_related("organization")
        .get(pk=pause_request.pk)
    )
    if locked.status != PauseRequest.Status.PENDING:
        raise PauseRequestError(
            gettext("This request is already %(status)s.")
            % {"status": locked.get_status_display().lower()}
        )
    return locked


def _decide(locked: PauseRequest, *, status: str, reviewer: User, note: str) -> None:
    locked.status = status
    locked.decided_by = reviewer
    locked.decided_at = timezone.now()
    locked.decision_note = note.strip()
    locked.save()
    admins = organization_admins(locked.organization)
    if admins:
        queue_email_to_people(
            name="pause_request_decided",
            people=admins,
            context={
                "pause_request": locked,
                "dashboard_link": settings.SITE_ROOT + reverse("dashboard"),
            },
        )


@transaction.atomic
def pause_request_approve(
    *, pause_request: PauseRequest, reviewer: User, note: str = ""
) -> PauseRequest:
    """Excuse every month asked for (a month already excused stays as it was)."""
    locked = _lock_pending(pause_request)
    reason = f"{locked.get_reason_display()} (asked by the organization)"
    if locked.details:
        reason += f": {locked.details}"
    PledgePause.objects.bulk_create(
        [
            PledgePause(
                organization=locked.organization, month=first, reason=reason, granted_by=reviewer
            )
            for first in locked.months()
        ],
        ignore_conflicts=True,
    )
    _decide(locked, status=PauseRequest.Status.APPROVED, reviewer=reviewer, note=note)
    return locked


@transaction.atomic
def pause_request_decline(
    *, pause_request: PauseRequest, reviewer: User, note: str
) -> PauseRequest:
    if not note.strip():
        raise PauseRequestError(gettext("Please tell the partner why, in a sentence."))
    locked = _lock_pending(pause_request)
    _decide(locked, status=PauseRequest.Status.DECLINED, reviewer=reviewer, note=note)
    return locked
