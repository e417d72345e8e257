import pytest
from django.utils import translation

from members.tests.factories import UserFactory
from outbox.emails import queue_email, queue_email_to_people, queue_emails
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
    def calendar():
        return MailCalendar(filename="call.ics", text="BEGIN:VCALENDAR", mimetype="text/calendar")

    queue_emails([message("a@example.org"), message("b@example.org")], calendar=calendar)
    attachments = [m.attachments for m in deliver_mail()]
    assert attachments == [[("call.ics", "BEGIN:VCALENDAR", "text/calendar")]] * 2
    assert MailCalendar.objects.count() == 1  # stored once for both


def test_it_stores_no_calendar_without_an_email():
    assert queue_emails([], calendar=lambda: MailCalendar(filename="call.ics", text="x")) == []
    assert not MailCalendar.objects.exists()


def test_it_writes_each_email_and_its_calendar_in_the_recipients_language(deliver_mail):
    def calendar():
        return MailCalendar(filename="call.ics", text=translation.get_language())

    queue_emails(
        [
            {**message("a@example.org"), "language": "es"},
            {**message("b@example.org"), "language": "en"},
            {**message("c@example.org"), "language": "es"},
        ],
        calendar=calendar,
    )
    sent = {m.to[0]: m.attachments[0][1] for m in deliver_mail()}
    assert sent == {"a@example.org": "es", "b@example.org": "en", "c@example.org": "es"}
    assert MailCalendar.objects.count() == 2  # one per language


def test_it_sends_people_one_email_per_language():
    people = [
        UserFactory(email="ana@example.org", language="es"),
        UserFactory(email="bo@example.org", language="en"),
        UserFactory(email="cruz@example.org", language="es"),
    ]
    emails = queue_email_to_people(name="invitation", people=people, context=INVITATION)
    assert sorted(email.to for email in emails) == [
        ["ana@example.org", "cruz@example.org"],
        ["bo@example.org"],
    ]
