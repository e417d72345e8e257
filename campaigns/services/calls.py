"""Strategy calls: every write that touches several rows or sends mail."""

import calendar as pycalendar
import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Membership, Organization, User
from outbox.emails import queue_emails
from outbox.models import MailCalendar
from outbox.suppression import suppressed
from pledges.emails import unsubscribe_headers, unsubscribe_url
from pledges.models import Activity
from pledges.services import activity_credit, activity_uncredit

from ..calendar import call_ics, call_method
from ..models import (
    AgendaItem,
    CallAnnouncement,
    CallAttendance,
    CallRSVP,
    StrategyCall,
    coalition_zone,
)


def call_email_recipients() -> models.QuerySet[User]:
    """People of active partner organizations who did not turn call emails off and whose
    address is not suppressed after a hard bounce."""
    return (
        User.objects.filter(
            is_active=True,
            membership__organization__status=Organization.Status.ACTIVE,
        )
        .exclude(email_preference__call_emails=False)
        .exclude(suppressed("email"))
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
        from ..tasks import send_call_announcement

        send_call_announcement.delay_on_commit(announcement.pk)
    return announcement


@transaction.atomic
def call_announce_agenda_update(*, call: StrategyCall, by: User | None) -> CallAnnouncement:
    """Staff asked to tell everyone the agenda changed: one new email per request."""
    call = StrategyCall.objects.select_for_update().get(pk=call.pk)
    if call.status != StrategyCall.Status.PUBLISHED:
        raise ValueError(_("Only a published call's agenda update can be emailed."))
    return _announce_change(call=call, kind=CallAnnouncement.Kind.AGENDA_UPDATED, by=by)


@transaction.atomic
def call_announce_new_time(*, call: StrategyCall, by: User | None) -> CallAnnouncement | None:
    """A published call still to come was moved: email an updated invitation (same UID,
    higher SEQUENCE) so calendar apps move it too. Nothing for a draft or a past call."""
    call = StrategyCall.objects.select_for_update().get(pk=call.pk)
    if call.status != StrategyCall.Status.PUBLISHED or call.ends_at <= timezone.now():
        return None
    return _announce_change(call=call, kind=CallAnnouncement.Kind.RESCHEDULED, by=by)


def _announce_change(*, call: StrategyCall, kind: str, by: User | None) -> CallAnnouncement:
    """A new revision of a locked call, and one new email about it."""
    StrategyCall.objects.filter(pk=call.pk).update(sequence=models.F("sequence") + 1)
    last = call.announcements.filter(kind=kind).aggregate(n=models.Max("sequence"))["n"]
    announcement = CallAnnouncement.objects.create(
        call=call, kind=kind, sequence=(last or 0) + 1, requested_by=by
    )
    from ..tasks import send_call_announcement

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
    name = {
        CallAnnouncement.Kind.PUBLISHED: "call_published",
        CallAnnouncement.Kind.AGENDA_UPDATED: "call_agenda_updated",
        CallAnnouncement.Kind.RESCHEDULED: "call_rescheduled",
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
            "language": user.language,
            "context": {
                **context,
                "recipient": user,
                "unsubscribe_url": unsubscribe_url(user, "call_emails"),
            },
            "headers": unsubscribe_headers(user, "call_emails"),
        }
        for user in call_email_recipients().iterator()
    ]

    # Stored once for every recipient of a language, sent inline with each email as an
    # iTIP request or cancellation that calendar apps act on (RFC 6047).
    def calendar() -> MailCalendar:
        return MailCalendar(
            filename="strategy-call.ics",
            text=call_ics(call, invitation=True).decode(),
            mimetype="text/calendar",
            method=call_method(call, invitation=True),
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
    # A higher SEQUENCE: calendar apps ignore a cancellation no newer than what they hold.
    StrategyCall.objects.filter(pk=call.pk).update(
        status=StrategyCall.Status.CANCELLED,
        updated_at=timezone.now(),
        sequence=models.F("sequence") + 1,
    )
    if not was_announced or call.ends_at <= timezone.now():
        return None
    announcement, created = CallAnnouncement.objects.get_or_create(
        call=call, kind=CallAnnouncement.Kind.CANCELLED, sequence=0, defaults={"requested_by": by}
    )
    if created:
        from ..tasks import send_call_announcement

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
            drafted_from="Standing item",
        )
        for item in call.agenda_items.filter(standing=True)
    )
    return copy


def rsvp_set(*, call: StrategyCall, membership: Membership, attending: bool) -> CallRSVP:
    rsvp, created = CallRSVP.objects.update_or_create(
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
        summary=_("Took part in the strategy call “%(title)s”.") % {"title": call.title},
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
