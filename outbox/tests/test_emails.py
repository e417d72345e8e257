import pytest

from outbox.emails import queue_email, queue_emails
from outbox.models import MailCalendar

pytestmark = pytest.mark.django_db

INVITATION = {"invitation": {"organization": "Peer {{ x }} Co"}, "link": "/join/"}


def message(to: str) -> dict:
    return {"name": "invitation", "to": to, "context": INVITATION}


def test_it_stores_the_rendered_text_as_it_is(deliver_mail):
    email = queue_email(name="invitation", to="a@example.org", context=INVITATION)
    assert "Peer {{ x }} Co" in email.subject
    assert "Peer {{ x }} Co" in deliver_mail()[0].subject


def test_it_attaches_a_calendar_with_its_mimetype(deliver_mail):
    calendar = MailCalendar(filename="call.ics", text="BEGIN:VCALENDAR", mimetype="text/calendar")
    queue_emails([message("a@example.org"), message("b@example.org")], calendar=calendar)
    attachments = [m.attachments for m in deliver_mail()]
    assert attachments == [[("call.ics", "BEGIN:VCALENDAR", "text/calendar")]] * 2


def test_it_stores_no_calendar_without_an_email():
    calendar = MailCalendar(filename="call.ics", text="BEGIN:VCALENDAR")
    assert queue_emails([], calendar=calendar) == []
    assert not MailCalendar.objects.exists()
