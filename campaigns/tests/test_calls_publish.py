import datetime
from email import message_from_bytes

import pytest
from icalendar import Calendar

from campaigns.models import CallAnnouncement, StrategyCall
from campaigns.services import call_announce_agenda_update, call_cancel, call_publish
from campaigns.tasks import send_call_announcement, send_pending_call_announcements
from campaigns.tests.factories import StrategyCallFactory
from members.models import Organization
from members.tests.factories import MembershipFactory
from pledges.models import EmailPreference


@pytest.fixture
def draft(db):
    return StrategyCallFactory(draft=True, title="January strategy call")


def run_after_commit(capture, service, **kwargs):
    """Run the service, then what it asked to run after commit (the announcement task).
    Not `execute=True`: that would also run the mail delivery task, which closes the
    database connection the test transaction lives on."""
    with capture() as callbacks:
        result = service(**kwargs)
    for callback in callbacks:
        callback()
    return result


def publish(call, staff, capture) -> CallAnnouncement:
    return run_after_commit(capture, call_publish, call=call, by=staff)


def test_it_publishes_and_emails_every_partner_person_once(
    draft, staff, member_a, admin_a, member_b, deliver_mail, django_capture_on_commit_callbacks
):
    publish(draft, staff, django_capture_on_commit_callbacks)
    publish(draft, staff, django_capture_on_commit_callbacks)
    draft.refresh_from_db()
    assert draft.status == StrategyCall.Status.PUBLISHED and draft.published_at
    outbox = deliver_mail()
    assert sorted(m.to[0] for m in outbox) == sorted(
        [member_a.email, admin_a.email, member_b.email]
    )


def test_it_sends_nothing_twice_when_the_task_runs_again(
    draft, staff, member_a, deliver_mail, django_capture_on_commit_callbacks
):
    announcement = publish(draft, staff, django_capture_on_commit_callbacks)
    send_call_announcement(announcement.pk)
    send_call_announcement.delay(announcement.pk)
    send_pending_call_announcements()
    assert len(deliver_mail()) == 1


def calendar_of(message) -> tuple[str, Calendar]:
    """The method and calendar of a sent message's one text/calendar part."""
    parsed = message_from_bytes(message.message().as_bytes())
    [part] = [p for p in parsed.walk() if p.get_content_type() == "text/calendar"]
    return part.get_param("method"), Calendar.from_ical(part.get_payload(decode=True))


def test_it_sends_the_call_as_an_invitation(
    draft, staff, member_a, deliver_mail, django_capture_on_commit_callbacks
):
    publish(draft, staff, django_capture_on_commit_callbacks)
    message = deliver_mail()[0]
    assert "January strategy call" in message.subject
    assert "/settings/email/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    method, calendar = calendar_of(message)
    assert (method, str(calendar["METHOD"])) == ("REQUEST", "REQUEST")
    assert str(calendar.events[0]["SUMMARY"]) == "January strategy call"


def test_it_skips_people_who_opted_out_and_inactive_organizations(
    draft, staff, member_a, admin_a, deliver_mail, django_capture_on_commit_callbacks
):
    EmailPreference.objects.create(user=admin_a, call_emails=False)
    MembershipFactory(organization__status=Organization.Status.WITHDRAWN)
    publish(draft, staff, django_capture_on_commit_callbacks)
    assert [m.to for m in deliver_mail()] == [[member_a.email]]


def test_it_sends_the_sweep_what_a_lost_task_left(draft, staff, member_a, deliver_mail):
    call_publish(call=draft, by=staff)  # on-commit callbacks never run: the task is "lost"
    assert deliver_mail() == []
    send_pending_call_announcements()
    assert len(deliver_mail()) == 1


def test_it_emails_an_agenda_update_only_when_asked(
    draft, staff, member_a, deliver_mail, django_capture_on_commit_callbacks
):
    publish(draft, staff, django_capture_on_commit_callbacks)
    draft.agenda_items.create(position=9, topic="A late addition")
    assert len(deliver_mail()) == 1
    for _ in range(2):
        run_after_commit(
            django_capture_on_commit_callbacks, call_announce_agenda_update, call=draft, by=staff
        )
    updates = [m for m in deliver_mail() if m.subject.startswith("Updated agenda")]
    assert len(updates) == 2 and "A late addition" in updates[0].body


def test_it_refuses_an_agenda_update_for_a_draft(draft, staff):
    with pytest.raises(ValueError):
        call_announce_agenda_update(call=draft, by=staff)


def test_it_sends_nothing_for_a_call_cancelled_before_the_mail_went_out(
    draft, staff, member_a, deliver_mail
):
    announcement = call_publish(call=draft, by=staff)
    StrategyCall.objects.filter(pk=draft.pk).update(status=StrategyCall.Status.CANCELLED)
    send_call_announcement(announcement.pk)
    assert deliver_mail() == []


def cancel(call, staff, capture):
    return run_after_commit(capture, call_cancel, call=call, by=staff)


def test_cancelling_an_announced_call_emails_a_calendar_cancellation_once(
    draft, staff, member_a, member_b, deliver_mail, django_capture_on_commit_callbacks
):
    publish(draft, staff, django_capture_on_commit_callbacks)
    deliver_mail().clear()
    announcement = cancel(draft, staff, django_capture_on_commit_callbacks)
    assert cancel(draft, staff, django_capture_on_commit_callbacks) is None  # already cancelled
    assert CallAnnouncement.objects.filter(kind=CallAnnouncement.Kind.CANCELLED).count() == 1
    send_call_announcement(announcement.pk)
    send_pending_call_announcements()
    outbox = deliver_mail()
    assert sorted(m.to[0] for m in outbox) == sorted([member_a.email, member_b.email])
    message = outbox[0]
    assert message.subject.startswith("Cancelled: January strategy call")
    assert "is cancelled" in message.body and "/calls/" in message.body
    method, calendar = calendar_of(message)
    event = calendar.events[0]
    assert (method, str(calendar["METHOD"])) == ("CANCEL", "CANCEL")
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]).startswith(f"strategy-call-{draft.pk}@")


def test_cancelling_a_draft_or_a_past_call_emails_nobody(
    draft, staff, member_a, deliver_mail, django_capture_on_commit_callbacks, time_machine
):
    assert cancel(draft, staff, django_capture_on_commit_callbacks) is None
    past = StrategyCallFactory(title="Last month")
    time_machine.move_to(past.ends_at + datetime.timedelta(minutes=1))
    assert cancel(past, staff, django_capture_on_commit_callbacks) is None
    assert deliver_mail() == []
    assert not CallAnnouncement.objects.filter(kind=CallAnnouncement.Kind.CANCELLED).exists()
