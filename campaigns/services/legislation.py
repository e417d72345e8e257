"""Legislation: reports, duplicates, verification, status changes and merges."""

import datetime
import difflib
import re
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from members.models import Organization, User
from pledges.models import Activity
from pledges.services import activity_credit, activity_uncredit

from ..models import (
    REPORTED_NOTE,
    UNITED_STATES,
    Initiative,
    InitiativeStatusChange,
    Report,
    normalize_bill_number,
)
from ..staff_news import report_item, staff_news_send

# Blank ones of these on an unverified initiative are filled in by a later report.
FILLABLE_FIELDS = ["introduced_on", "next_hearing_on", "summary", "source_url"]
TITLE_MATCH_RATIO = 0.6


class AlreadyReported(Exception):
    def __init__(self, initiative: Initiative):
        super().__init__(f"Already reported: {initiative}")
        self.initiative = initiative


def default_jurisdiction(level: str, state: str, jurisdiction: str) -> str:
    """A state bill's jurisdiction is its state, a federal one's the country: one spelling."""
    if level == Initiative.Level.FEDERAL:
        return UNITED_STATES
    if level == Initiative.Level.STATE and state:
        # Stored and matched on, so in English whatever the reporter's language.
        with translation.override("en"):
            return Initiative(state=state).get_state_display()
    return jurisdiction.strip()


def same_place(*, level: str, state: str, jurisdiction: str):
    return Initiative.objects.filter(
        level=level, state=state, jurisdiction__iexact=jurisdiction.strip()
    )


def initiative_find_duplicate(
    *, level: str, state: str, jurisdiction: str, bill_number: str
) -> Initiative | None:
    number = normalize_bill_number(bill_number)
    if not number:
        return None
    return (
        same_place(level=level, state=state, jurisdiction=jurisdiction)
        .filter(bill_number_normalized=number)
        .first()
    )


def _words(title: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", title.lower()) if len(w) > 2}


def title_similarity(a: str, b: str) -> float:
    """0 to 1: the better of a character-level ratio and the share of words in common."""
    ratio = difflib.SequenceMatcher(None, a.lower().strip(), b.lower().strip()).ratio()
    wa, wb = _words(a), _words(b)
    overlap = len(wa & wb) / min(len(wa), len(wb)) if wa and wb else 0.0
    return max(ratio, overlap)


def initiative_similar_titles(
    *, title: str, level: str, state: str, jurisdiction: str, limit: int = 5
) -> list[Initiative]:
    """Open initiatives in the same place whose title is close to `title`, closest first."""
    candidates = same_place(level=level, state=state, jurisdiction=jurisdiction).exclude(
        review_state=Initiative.ReviewState.CLOSED
    )[:500]
    scored = [(title_similarity(title, c.title), c) for c in candidates]
    scored = [(s, c) for s, c in scored if s >= TITLE_MATCH_RATIO]
    scored.sort(key=lambda pair: -pair[0])
    return [c for _, c in scored[:limit]]


def report_date(report: Report) -> datetime.date:
    return timezone.localdate(report.created_at)


def _credit(report: Report) -> None:
    activity_credit(
        organization=report.organization,
        on=report_date(report),
        kind=Activity.Kind.LEGISLATIVE_REPORT,
        source=report,
        summary=f"Reported a legislative initiative: {report.initiative}"[:500],
        link=report.initiative.get_absolute_url(),
    )


@transaction.atomic
def report_file(
    *,
    organization: Organization,
    user: User,
    data: dict[str, Any],
    join: Initiative | None = None,
) -> tuple[Initiative, Report, bool]:
    """File `organization`'s report; returns (initiative, report, created a new initiative).

    The report joins `join`, or an initiative with the same level, state, jurisdiction and
    normalised number, or else a new initiative. A second report by the same organization
    raises `AlreadyReported`. A report joining a verified initiative is credited at once.
    """
    fields = {name: data.get(name) for name in Initiative.REPORTED_FIELDS}
    fields["jurisdiction"] = default_jurisdiction(
        fields["level"], fields["state"] or "", fields["jurisdiction"] or ""
    )
    initiative = join or initiative_find_duplicate(
        level=fields["level"],
        state=fields["state"],
        jurisdiction=fields["jurisdiction"],
        bill_number=fields["bill_number"] or "",
    )
    created = initiative is None
    if created:
        try:
            with transaction.atomic():
                initiative = Initiative.objects.create(**fields)
        except IntegrityError:
            # Someone filed the same number a moment ago: join theirs.
            initiative = initiative_find_duplicate(
                level=fields["level"],
                state=fields["state"],
                jurisdiction=fields["jurisdiction"],
                bill_number=fields["bill_number"],
            )
            created = False
            if initiative is None:
                raise
        else:
            initiative.topics.set(data.get("topics") or [])
            InitiativeStatusChange.objects.create(
                initiative=initiative,
                to_status=initiative.status,
                changed_by=user,
                note=REPORTED_NOTE,
            )
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not created:
        _fill_blanks(initiative, fields, data.get("topics") or [])
    if initiative.reports.filter(organization=organization).exists():
        raise AlreadyReported(initiative)
    try:
        with transaction.atomic():
            report = Report.objects.create(
                initiative=initiative,
                organization=organization,
                reported_by=user,
                suggested_position=data.get("suggested_position") or Initiative.Position.NONE,
                note=data.get("note") or "",
            )
    except IntegrityError:
        raise AlreadyReported(initiative) from None
    staff_news_send(item=report_item(report))
    if initiative.is_verified:
        _credit(report)
    Initiative.objects.filter(pk=initiative.pk).reindex()
    return initiative, report, created


def _fill_blanks(initiative: Initiative, fields: dict[str, Any], topics) -> None:
    """A later report completes what an unverified initiative lacks; staff curate the rest."""
    if initiative.is_verified:
        return
    changed = []
    for name in FILLABLE_FIELDS:
        if not getattr(initiative, name) and fields.get(name):
            setattr(initiative, name, fields[name])
            changed.append(name)
    if changed:
        try:
            with transaction.atomic():
                initiative.save(update_fields=[*changed, "updated_at"])
        except IntegrityError:
            initiative.refresh_from_db()
    if topics:
        initiative.topics.add(*topics)


@transaction.atomic
def initiative_verify(*, initiative: Initiative, by: User) -> bool:
    """Mark verified (once) and credit each reporting organization's pledge once.

    Returns True when this call did the verifying. Running it again, or two staff at once,
    credits nothing twice: each report is one credit source.
    """
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    did_verify = not initiative.is_verified
    if did_verify:
        initiative.review_state = Initiative.ReviewState.VERIFIED
        initiative.verified_by = by
        initiative.verified_at = timezone.now()
        initiative.save(update_fields=["review_state", "verified_by", "verified_at", "updated_at"])
    for report in initiative.reports.select_related("organization", "initiative"):
        _credit(report)
    return did_verify


@transaction.atomic
def initiative_set_status(
    *, initiative: Initiative, status: str, by: User | None, note: str = ""
) -> bool:
    """Change the status and write the dated history row. False when nothing changed."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if initiative.status == status:
        return False
    InitiativeStatusChange.objects.create(
        initiative=initiative,
        from_status=initiative.status,
        to_status=status,
        changed_by=by,
        note=note,
    )
    initiative.status = status
    initiative.save(update_fields=["status", "updated_at"])
    return True


@transaction.atomic
def initiative_merge(*, keep: Initiative, other: Initiative, by: User) -> Initiative:
    """Fold `other` into `keep`: reports, history and topics move over; nothing is lost.

    Two reports by the same organization become one, the earliest, with both notes. The
    merged initiative is verified if either was, and every report is then credited.
    """
    if keep.pk == other.pk:
        raise ValueError("Choose two different initiatives to merge")
    keep, other = (
        Initiative.objects.select_for_update().get(pk=keep.pk),
        Initiative.objects.select_for_update().get(pk=other.pk),
    )
    kept_reports = {r.organization_id: r for r in keep.reports.all()}
    for report in other.reports.order_by("created_at", "pk"):
        twin = kept_reports.get(report.organization_id)
        if twin is None:
            report.initiative = keep
            report.save(update_fields=["initiative"])
            continue
        first, second = sorted([twin, report], key=lambda r: (r.created_at, r.pk))
        _collapse(first=first, second=second, keep=keep)
        kept_reports[report.organization_id] = first
    other.status_changes.update(initiative=keep)
    keep.topics.add(*other.topics.all())
    for name in [*FILLABLE_FIELDS, "bill_number"]:
        if not getattr(keep, name) and getattr(other, name):
            setattr(keep, name, getattr(other, name))
    if other.is_verified and not keep.is_verified:
        keep.review_state = Initiative.ReviewState.VERIFIED
        keep.verified_by, keep.verified_at = other.verified_by, other.verified_at
    other.delete()
    keep.save()
    if keep.is_verified:
        for report in keep.reports.select_related("organization", "initiative"):
            _credit(report)
    Initiative.objects.filter(pk=keep.pk).reindex()
    return keep


@transaction.atomic
def initiative_delete(*, initiative: Initiative) -> None:
    """Delete an initiative and take back the pledge credits its reports gave."""
    for report in initiative.reports.all():
        activity_uncredit(source=report)
    initiative.delete()


@transaction.atomic
def initiative_close(*, initiative: Initiative) -> None:
    """Staff set it aside (not behavioral health, a mistake...). Credits already given stay."""
    Initiative.objects.filter(pk=initiative.pk).update(
        review_state=Initiative.ReviewState.CLOSED, updated_at=timezone.now()
    )


def _collapse(*, first: Report, second: Report, keep: Initiative) -> None:
    """Keep the earliest of two reports by one organization; the later one's words survive."""
    notes = [n for n in (first.note, second.note) if n]
    first.note = "\n\n".join(dict.fromkeys(notes))
    if first.suggested_position == Initiative.Position.NONE:
        first.suggested_position = second.suggested_position
    activity_uncredit(source=second)
    second.delete()
    first.initiative = keep
    first.save(update_fields=["initiative", "note", "suggested_position"])
