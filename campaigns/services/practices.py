"""Best practices: partners' drafts and submissions, staff decisions, “we tried this”."""

from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext

from members.models import Membership, User
from members.services import organization_admins
from outbox.emails import queue_email_to_people
from pledges.models import Activity
from pledges.services import activity_credit

from ..models import Practice, PracticeTried
from ..staff_news import practice_item, staff_news_send


class PracticeError(Exception):
    """A decision that does not apply to the practice as it stands now."""


@transaction.atomic
def practice_save(
    *,
    membership: Membership,
    data: dict[str, Any],
    practice: Practice | None = None,
    submit: bool = False,
) -> Practice:
    """Save a new or editable practice of the member's organization; `submit` sends it to staff."""
    if practice is None:
        practice = Practice(organization=membership.organization, submitted_by=membership.user)
    else:
        practice = Practice.objects.select_for_update().get(
            pk=practice.pk, organization=membership.organization
        )
        if not practice.is_editable:
            raise PracticeError(
                gettext("This practice is with coalition staff, so it cannot be changed.")
            )
    for name in Practice.PARTNER_FIELDS:
        setattr(practice, name, data.get(name) or ("" if name != "name_publicly" else False))
    if submit:
        practice.status = Practice.Status.SUBMITTED
        practice.submitted_at = timezone.now()
        practice.submitted_by = membership.user
    practice.save()
    practice.topics.set(data.get("topics") or [])
    Practice.objects.filter(pk=practice.pk).reindex()
    if submit:
        staff_news_send(item=practice_item(practice))
    return practice


def _practice_recipients(practice: Practice) -> list[User]:
    if practice.submitted_by and practice.submitted_by.is_active:
        return [practice.submitted_by]
    return organization_admins(practice.organization)


def _practice_decide(
    *, practice: Practice, reviewer: User, status: str, note: str, email: str
) -> Practice:
    """Lock, check the practice waits for review, record the decision and queue one email."""
    practice = (
        Practice.objects.select_for_update().select_related("organization").get(pk=practice.pk)
    )
    if practice.status not in Practice.OPEN_FOR_REVIEW:
        raise PracticeError(f"“{practice.title}” is {practice.get_status_display().lower()}.")
    practice.status = status
    practice.reviewer = reviewer
    practice.review_note = note.strip()
    practice.decided_at = timezone.now()
    practice.save(update_fields=["status", "reviewer", "review_note", "decided_at", "updated_at"])
    context = {"practice": practice, "link": settings.SITE_ROOT + practice.get_absolute_url()}
    recipients = _practice_recipients(practice)
    if recipients:
        queue_email_to_people(name=email, people=recipients, context=context)
    return practice


@transaction.atomic
def practice_accept(*, practice: Practice, reviewer: User, note: str = "") -> Practice:
    """Share it with every partner and credit the submitting organization's pledge once."""
    practice = _practice_decide(
        practice=practice,
        reviewer=reviewer,
        status=Practice.Status.ACCEPTED,
        note=note,
        email="practice_accepted",
    )
    activity_credit(
        organization=practice.organization,
        on=timezone.localdate(practice.decided_at),
        kind=Activity.Kind.BEST_PRACTICE,
        source=practice,
        summary=f"Shared a best practice: {practice.title}"[:500],
        link=settings.SITE_ROOT + practice.get_absolute_url(),
    )
    return practice


@transaction.atomic
def practice_request_changes(*, practice: Practice, reviewer: User, note: str) -> Practice:
    if not note.strip():
        raise PracticeError("Please tell the partner what to change.")
    return _practice_decide(
        practice=practice,
        reviewer=reviewer,
        status=Practice.Status.CHANGES_REQUESTED,
        note=note,
        email="practice_changes_requested",
    )


@transaction.atomic
def practice_decline(*, practice: Practice, reviewer: User, reason: str) -> Practice:
    if not reason.strip():
        raise PracticeError("Please give the partner a reason.")
    return _practice_decide(
        practice=practice,
        reviewer=reviewer,
        status=Practice.Status.DECLINED,
        note=reason,
        email="practice_declined",
    )


def practice_tried(
    *, practice: Practice, membership: Membership, note: str = ""
) -> tuple[PracticeTried, bool]:
    """Mark that the organization tried it; a second mark keeps the first, adding a new note."""
    tried, created = PracticeTried.objects.get_or_create(
        practice=practice,
        organization=membership.organization,
        defaults={"tried_by": membership.user, "note": note.strip()},
    )
    if not created and note.strip() and not tried.note:
        tried.note = note.strip()
        tried.save(update_fields=["note"])
    return tried, created


def practice_count_view(*, practice: Practice) -> None:
    Practice.objects.filter(pk=practice.pk).update(view_count=models.F("view_count") + 1)
