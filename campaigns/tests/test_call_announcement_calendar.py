"""An announcement's calendar is stored once, in the database, and attached at delivery."""

from email import message_from_bytes

import pytest
from icalendar import Calendar

from campaigns.services import announcement_send, call_publish
from campaigns.tests.factories import StrategyCallFactory
from outbox.models import MailCalendar

pytestmark = pytest.mark.django_db


@pytest.fixture
def announced(staff, member_a, admin_a, member_b, settings, tmp_path) -> int:
    settings.MEDIA_ROOT = tmp_path
    call = StrategyCallFactory(draft=True, title="January strategy call")
    announcement = call_publish(call=call, by=staff)
    return announcement_send(announcement_id=announcement.pk)


def test_it_writes_no_file_for_the_calendar(announced, tmp_path):
    assert announced == 3
    assert list(tmp_path.rglob("*")) == []


def test_it_stores_one_calendar_for_every_recipient(announced):
    calendar = MailCalendar.objects.get()
    assert (calendar.mimetype, calendar.method) == ("text/calendar", "REQUEST")
    assert calendar.emails.count() == 3


def test_each_delivered_message_carries_the_calendar_inline(announced, deliver_mail):
    outbox = deliver_mail()
    assert len(outbox) == 3
    for message in outbox:
        parsed = message_from_bytes(message.message().as_bytes())
        [part] = [p for p in parsed.walk() if p.get_content_type() == "text/calendar"]
        assert (part.get_param("method"), part.get_content_disposition()) == ("REQUEST", None)
        calendar = Calendar.from_ical(part.get_payload(decode=True))
        assert str(calendar.events[0]["SUMMARY"]) == "January strategy call"
