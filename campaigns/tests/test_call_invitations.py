"""Call emails carry iTIP invitations (RFC 5546 over RFC 6047) that calendar apps act on."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from campaigns.calendar import call_ics, feed_ics
from campaigns.models import CallAnnouncement, StrategyCall, coalition_zone
from campaigns.services import (
    call_announce_agenda_update,
    call_announce_new_time,
    call_cancel,
    call_publish,
)
from campaigns.tasks import send_pending_call_announcements
from campaigns.tests.factories import StrategyCallFactory, local
from outbox.tests.mime import calendar_part

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(db) -> StrategyCall:
    return StrategyCallFactory(draft=True, title="January strategy call")


@pytest.fixture
def invitation(member_a, deliver_mail):
    """Send what is owed; the (method, VEVENT) of the last email to member A."""

    def invitation():
        send_pending_call_announcements()
        [*_, message] = [m for m in deliver_mail() if m.to == [member_a.email]]
        method, calendar = calendar_part(message)
        assert str(calendar["METHOD"]) == method
        return method, calendar.events[0]

    return invitation


def test_it_invites_with_a_request_from_the_portal(call, staff, invitation):
    call_publish(call=call, by=staff)
    method, event = invitation()
    assert method == "REQUEST"
    assert str(event["ORGANIZER"]) == "mailto:portal@coalition.example"
    assert event["ORGANIZER"].params["CN"] == "Coalition portal"
    assert str(event["UID"]) == f"strategy-call-{call.pk}@127.0.0.1"


def test_a_new_time_goes_out_as_an_update_of_the_same_event(call, staff, invitation):
    call_publish(call=call, by=staff)
    _, first = invitation()
    call.refresh_from_db()
    call.starts_at += datetime.timedelta(days=1)
    call.save()
    call_announce_new_time(call=call, by=staff)
    method, moved = invitation()
    assert (method, str(moved["UID"])) == ("REQUEST", str(first["UID"]))
    assert moved["SEQUENCE"] > first["SEQUENCE"] and moved.start == call.starts_at


def test_an_agenda_update_raises_the_sequence(call, staff, invitation):
    call_publish(call=call, by=staff)
    _, first = invitation()
    call_announce_agenda_update(call=call, by=staff)
    _, updated = invitation()
    assert str(updated["UID"]) == str(first["UID"])
    assert updated["SEQUENCE"] > first["SEQUENCE"]


def test_a_cancellation_cancels_the_same_event_with_a_higher_sequence(call, staff, invitation):
    call_publish(call=call, by=staff)
    _, first = invitation()
    call_cancel(call=call, by=staff)
    method, cancelled = invitation()
    assert (method, str(cancelled["STATUS"])) == ("CANCEL", "CANCELLED")
    assert str(cancelled["UID"]) == str(first["UID"])
    assert cancelled["SEQUENCE"] > first["SEQUENCE"]


def test_moving_a_draft_or_a_past_call_emails_nobody(call, staff, time_machine):
    assert call_announce_new_time(call=call, by=staff) is None
    past = StrategyCallFactory()
    time_machine.move_to(past.ends_at + datetime.timedelta(minutes=1))
    assert call_announce_new_time(call=past, by=staff) is None


def test_the_download_and_the_feed_stay_published(call):
    call_publish(call=call, by=None)
    call.refresh_from_db()
    for text in (call_ics(call), feed_ics()):
        calendar = Calendar.from_ical(text)
        assert str(calendar["METHOD"]) == "PUBLISH"
        assert str(calendar.events[0]["ORGANIZER"]) == "mailto:portal@coalition.example"


def test_the_time_zone_holds_for_a_call_years_ahead(db):
    far = StrategyCallFactory(starts_at=local(2045, 7, 11, 14))
    [vtimezone] = Calendar.from_ical(call_ics(far)).timezones
    zone = vtimezone.to_tz(lookup_tzid=False)  # only what the file says, as an app reads it
    summer = datetime.datetime(2045, 7, 11, 14, tzinfo=zone)
    assert summer.utcoffset() == datetime.timedelta(hours=-4)


def change_form(call: StrategyCall, starts_at: datetime.datetime) -> dict:
    local_start = starts_at.astimezone(coalition_zone())
    return {
        "title": call.title,
        "starts_at": local_start.strftime("%Y-%m-%d %H:%M:%S"),
        "duration_minutes": call.duration_minutes,
        "join_url": call.join_url,
        "dial_in": call.dial_in,
        **{
            f"{prefix}-{key}": 0
            for prefix in ("agenda_items", "announcements")
            for key in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
    }


def test_staff_moving_a_published_call_in_the_admin_emails_the_new_time(client, staff, call):
    call_publish(call=call, by=staff)
    client.force_login(staff)
    url = reverse("admin:campaigns_strategycall_change", args=[call.pk])
    response = client.post(url, change_form(call, call.starts_at + datetime.timedelta(days=1)))
    assert response.status_code == 302
    assert call.announcements.filter(kind=CallAnnouncement.Kind.RESCHEDULED).count() == 1


def test_saving_a_call_without_moving_it_emails_nothing_new(client, staff, call):
    call_publish(call=call, by=staff)
    client.force_login(staff)
    url = reverse("admin:campaigns_strategycall_change", args=[call.pk])
    assert client.post(url, change_form(call, call.starts_at)).status_code == 302
    assert not call.announcements.filter(kind=CallAnnouncement.Kind.RESCHEDULED).exists()
