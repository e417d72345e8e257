"""Strategy calls and days of action: every write that touches several rows or sends mail."""

import calendar as pycalendar
import datetime
import difflib
import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone

from members.models import Membership, Organization, User
from outbox.emails import queue_email, queue_emails
from outbox.models import MailCalendar
from pledges.models import Activity
from pledges.services import activity_credit, activity_uncredit

from .calendar import call_ics
from .models import (
    UNITED_STATES,
    AgendaItem,
    CallAnnouncement,
    CallAttendance,
    CallRSVP,
    CoalitionUpdate,
    DayOfAction,
    DayOfActionParticipation,
    Initiative,
    InitiativeStatusChange,
    Practice,
    PracticeTried,
    Report,
    StrategyCall,
    UpdateShare,
    coalition_zone,
    normalize_bill_number,
)


def call_email_recipients() -> models.QuerySet[User]:
    """People of active partner organizations who did not turn call emails off."""
    return (
        User.objects.filter(
            is_active=True,
            membership__organization__status=Organization.Status.ACTIVE,
        )
        .exclude(email_preference__call_emails=False)
        .order_by("pk")
    )


@transaction.atomic
def call_publish(*, call: StrategyCall, by: User | None) -> CallAnnouncement:
    """Publish a call and claim its one publication email. Publishing again sends nothing."""
    call = StrategyCall.objects.select_for_update().get(pk=call.pk)
    if call.status != StrategyCall.Status.PUBLISHED:
        call.status = StrategyCall.Status.PUBLISHED
        call.published_at = call.published_at or timezone.now()
        call.save(update_fields=["status", "published_at", "updated_at"])
    announcement, created = CallAnnouncement.objects.get_or_create(
        call=call, kind=CallAnnouncement.Kind.PUBLISHED, sequence=0, defaults={"requested_by": by}
    )
    if created:
        from .tasks import send_call_announcement

        send_call_announcement.delay_on_commit(announcement.pk)
    return announcement


@transaction.atomic
def call_announce_agenda_update(*, call: StrategyCall, by: User | None) -> CallAnnouncement:
    """Staff asked to tell everyone the agenda changed: one new email per request."""
    call = StrategyCall.objects.select_for_update().get(pk=call.pk)
    if call.status != StrategyCall.Status.PUBLISHED:
        raise ValueError("Only a published call's agenda update can be emailed.")
    last = call.announcements.filter(kind=CallAnnouncement.Kind.AGENDA_UPDATED).aggregate(
        n=models.Max("sequence")
    )["n"]
    announcement = CallAnnouncement.objects.create(
        call=call,
        kind=CallAnnouncement.Kind.AGENDA_UPDATED,
        sequence=(last or 0) + 1,
        requested_by=by,
    )
    from .tasks import send_call_announcement

    send_call_announcement.delay_on_commit(announcement.pk)
    return announcement


@transaction.atomic
def announcement_send(*, announcement_id: int) -> int:
    """Queue the announcement's email to every recipient, once. Returns how many were queued.

    The row lock plus `sent_at` make a second run (a retried task, the sweep) a no-op; the
    emails are post_office rows committed together with `sent_at`.
    """
    announcement = (
        CallAnnouncement.objects.select_for_update()
        .select_related("call")
        .filter(pk=announcement_id, sent_at__isnull=True)
        .first()
    )
    if announcement is None:
        return 0
    call = announcement.call
    cancelling = announcement.kind == CallAnnouncement.Kind.CANCELLED
    expected = StrategyCall.Status.CANCELLED if cancelling else StrategyCall.Status.PUBLISHED
    if call.status != expected:
        # Cancelled before the mail went out: nothing to announce.
        announcement.sent_at = timezone.now()
        announcement.save(update_fields=["sent_at"])
        return 0
    agenda = list(call.agenda_items.all())
    ics = call_ics(call)
    name = {
        CallAnnouncement.Kind.PUBLISHED: "call_published",
        CallAnnouncement.Kind.AGENDA_UPDATED: "call_agenda_updated",
        CallAnnouncement.Kind.CANCELLED: "call_cancelled",
    }[announcement.kind]
    context = {
        "call": call,
        "agenda": agenda,
        "call_url": settings.SITE_ROOT + call.get_absolute_url(),
        "calls_url": settings.SITE_ROOT + reverse("campaigns:call_list"),
        "preferences_url": settings.SITE_ROOT + "/settings/email/",
    }
    messages = [
        {
            "name": name,
            "to": user.email,
            "context": {**context, "recipient": user},
            # The lead may swap in the pledges app's signed one-click unsubscribe link.
            "headers": {"List-Unsubscribe": f"<{context['preferences_url']}>"},
        }
        for user in call_email_recipients().iterator()
    ]
    # Stored once for every recipient, attached when each email is delivered.
    calendar = MailCalendar(
        filename="strategy-call.ics", text=ics.decode(), mimetype="text/calendar"
    )
    count = len(queue_emails(messages, calendar=calendar))
    announcement.sent_at = timezone.now()
    announcement.recipient_count = count
    announcement.save(update_fields=["sent_at", "recipient_count"])
    return count


@transaction.atomic
def call_cancel(*, call: StrategyCall, by: User | None = None) -> CallAnnouncement | None:
    """Cancel a call. If partners were told about it and it has not ended, claim one email
    telling them, with a calendar cancellation. Cancelling again sends nothing."""
    call = StrategyCall.objects.select_for_update().get(pk=call.pk)
    was_announced = call.status == StrategyCall.Status.PUBLISHED
    StrategyCall.objects.filter(pk=call.pk).update(
        status=StrategyCall.Status.CANCELLED, updated_at=timezone.now()
    )
    if not was_announced or call.ends_at <= timezone.now():
        return None
    announcement, created = CallAnnouncement.objects.get_or_create(
        call=call, kind=CallAnnouncement.Kind.CANCELLED, sequence=0, defaults={"requested_by": by}
    )
    if created:
        from .tasks import send_call_announcement

        send_call_announcement.delay_on_commit(announcement.pk)
    return announcement


def same_weekday_next_month(start: datetime.datetime) -> datetime.datetime:
    """The same weekday of the month at the same wall-clock time next month ("second
    Tuesday, 2 PM"); a fifth weekday that next month lacks becomes its last one."""
    zone = coalition_zone()
    local = timezone.localtime(start, zone)
    nth = (local.day - 1) // 7
    year, month_no = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
    first_weekday, days_in_month = pycalendar.monthrange(year, month_no)
    day = 1 + (local.weekday() - first_weekday) % 7 + 7 * nth
    while day > days_in_month:
        day -= 7
    return datetime.datetime.combine(
        datetime.date(year, month_no, day), local.time().replace(tzinfo=None), tzinfo=zone
    )


@transaction.atomic
def call_copy_to_next_month(*, call: StrategyCall, by: User | None) -> StrategyCall:
    """Next month's call as a draft: same slot, same join details, standing items only."""
    copy = StrategyCall.objects.create(
        title=call.title,
        starts_at=same_weekday_next_month(call.starts_at),
        duration_minutes=call.duration_minutes,
        join_url=call.join_url,
        dial_in=call.dial_in,
        captions=call.captions,
        asl=call.asl,
        accessibility_notes=call.accessibility_notes,
        created_by=by,
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(
            call=copy,
            position=item.position,
            topic=item.topic,
            presenter=item.presenter,
            minutes_allotted=item.minutes_allotted,
            notes=item.notes,
            standing=True,
        )
        for item in call.agenda_items.filter(standing=True)
    )
    return copy


def rsvp_set(*, call: StrategyCall, membership: Membership, attending: bool) -> CallRSVP:
    rsvp, _ = CallRSVP.objects.update_or_create(
        call=call,
        user=membership.user,
        defaults={"organization": membership.organization, "attending": attending},
    )
    return rsvp


def _attendance_credit(attendance: CallAttendance) -> None:
    call = attendance.call
    activity_credit(
        organization=attendance.organization,
        on=call.local_date,
        kind=Activity.Kind.STRATEGY_CALL,
        source=attendance,
        summary=f"Took part in the strategy call “{call.title}”.",
        link=settings.SITE_ROOT + call.get_absolute_url(),
    )


@transaction.atomic
def call_attendance_set(
    *, call: StrategyCall, organizations: Iterable[Organization], by: User | None
) -> tuple[int, int]:
    """Make the call's attendance exactly `organizations`: new ones are credited for the
    call's month, removed ones lose that credit. Returns (added, removed)."""
    wanted = {org.pk: org for org in organizations}
    existing = {a.organization_id: a for a in call.attendances.select_for_update()}
    removed = 0
    for org_id, attendance in existing.items():
        if org_id not in wanted:
            activity_uncredit(source=attendance)
            attendance.delete()
            removed += 1
    added = 0
    for org_id, org in wanted.items():
        if org_id in existing:
            continue
        attendance, created = CallAttendance.objects.get_or_create(
            call=call, organization=org, defaults={"recorded_by": by}
        )
        _attendance_credit(attendance)
        added += int(created)
    return added, removed


@transaction.atomic
def day_of_action_took_part(
    *, day: DayOfAction, membership: Membership
) -> tuple[DayOfActionParticipation, bool]:
    """Record that the organization took part; credits its pledge once per day."""
    participation, created = DayOfActionParticipation.objects.get_or_create(
        day=day, organization=membership.organization, defaults={"recorded_by": membership.user}
    )
    activity_credit(
        organization=membership.organization,
        on=day.date,
        kind=Activity.Kind.DAY_OF_ACTION,
        source=participation,
        summary=f"Took part in the national day of action “{day.title}”.",
        link=day.link or settings.SITE_ROOT + day.get_absolute_url(),
    )
    return participation, created


@transaction.atomic
def credit_sources_delete(*, sources: Iterable[models.Model]) -> None:
    """Delete rows that credited a pledge (a day of action taken part in, a shared update,
    an accepted practice) and take back the credit each gave."""
    for source in sources:
        activity_uncredit(source=source)
        source.delete()


@transaction.atomic
def day_of_action_delete(*, day: DayOfAction) -> None:
    credit_sources_delete(sources=day.participations.all())
    day.delete()


@transaction.atomic
def update_delete(*, update: CoalitionUpdate) -> None:
    credit_sources_delete(sources=update.shares.all())
    update.delete()


# Legislation

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
                note="Reported",
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


# Best practices and coalition updates


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
            raise PracticeError("This practice is with coalition staff, so it cannot be changed.")
    for name in Practice.PARTNER_FIELDS:
        setattr(practice, name, data.get(name) or ("" if name != "name_publicly" else False))
    if submit:
        practice.status = Practice.Status.SUBMITTED
        practice.submitted_at = timezone.now()
        practice.submitted_by = membership.user
    practice.save()
    practice.topics.set(data.get("topics") or [])
    Practice.objects.filter(pk=practice.pk).reindex()
    return practice


def _practice_recipients(practice: Practice) -> list[str]:
    if practice.submitted_by and practice.submitted_by.is_active:
        return [practice.submitted_by.email]
    admins = practice.organization.memberships.filter(role=Membership.Role.ADMIN)
    return list(admins.values_list("user__email", flat=True))


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
        queue_email(name=email, to=recipients, context=context)
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


@transaction.atomic
def update_share(
    *, update: CoalitionUpdate, membership: Membership, reach: int | None
) -> tuple[UpdateShare, bool]:
    """Record that the organization passed the update on; credits its pledge once per update.

    Saying so again only fills in a reach that was left empty the first time.
    """
    share, created = UpdateShare.objects.get_or_create(
        update=update,
        organization=membership.organization,
        defaults={"shared_by": membership.user, "reach": reach},
    )
    if not created and reach is not None and share.reach is None:
        share.reach = reach
        share.save(update_fields=["reach"])
    activity_credit(
        organization=membership.organization,
        on=timezone.localdate(share.created_at),
        kind=Activity.Kind.SHARING_INFO,
        source=share,
        summary=f"Shared the coalition update “{update.title}” with our network."[:500],
        link=settings.SITE_ROOT + update.get_absolute_url(),
    )
    return share, created
