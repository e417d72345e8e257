"""Every kind of email the portal sends, read as bytes with Python's `email` package: its MIME
structure, the Message-ID's domain, and on bulk mail a one-click unsubscribe (RFC 8058) that
works without a session and turns off that topic only."""

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from campaigns.models import coalition_zone
from campaigns.services import (
    call_announce_agenda_update,
    call_announce_new_time,
    call_cancel,
    call_publish,
)
from campaigns.tasks import send_pending_call_announcements
from campaigns.tests.factories import StrategyCallFactory
from outbox.emails import queue_email
from outbox.models import Suppression
from outbox.tests.mime import parse, shape
from pledges.emails import UNSUBSCRIBE_TOPICS
from pledges.models import EmailPreference
from pledges.services import reminder_sweep

pytestmark = pytest.mark.django_db

ALTERNATIVE = ("multipart/alternative", ["text/plain", "text/html"])
WITH_INVITATION = ("multipart/mixed", [ALTERNATIVE, "text/calendar"])

# Bulk kinds: template name -> the EmailPreference topic its one-click link turns off.
BULK = {
    "pledge_reminder": "reminders",
    "call_published": "call_emails",
    "call_agenda_updated": "call_emails",
    "call_rescheduled": "call_emails",
    "call_cancelled": "call_emails",
}
# Answers to the person's own action (or staff's work on it): no unsubscribe.
DIRECT = {
    "application_received",
    "application_new",
    "application_approved",
    "application_declined",
    "application_needs_info",
    "invitation",
    "practice_accepted",
    "practice_changes_requested",
    "practice_declined",
}


def send_reminder(staff) -> None:
    may_15 = datetime.datetime(2026, 5, 15, 9, tzinfo=coalition_zone())
    with time_machine.travel(may_15, tick=False):
        reminder_sweep(first=datetime.date(2026, 5, 1), stage="first", today=may_15.date())


def send_call_email(kind: str, staff, deliver_mail) -> None:
    call = StrategyCallFactory(draft=True, title="January strategy call")
    call_publish(call=call, by=staff)
    send_pending_call_announcements()
    if kind == "call_published":
        return
    deliver_mail().clear()  # only the change is looked at
    if kind == "call_agenda_updated":
        call_announce_agenda_update(call=call, by=staff)
    elif kind == "call_rescheduled":
        call.refresh_from_db()
        call.starts_at += datetime.timedelta(hours=1)
        call.save()
        call_announce_new_time(call=call, by=staff)
    else:
        call_cancel(call=call, by=staff)
    send_pending_call_announcements()


@pytest.fixture
def bulk(staff, admin_a, member_a, deliver_mail):
    """Send one bulk email of `kind` the way the portal does; the messages delivered."""

    def bulk(kind: str) -> list:
        if kind == "pledge_reminder":
            send_reminder(staff)
        else:
            send_call_email(kind, staff, deliver_mail)
        return list(deliver_mail())

    return bulk


def unsubscribe_link(parsed) -> str:
    """The one URL in List-Unsubscribe; a long one is folded onto a line of its own."""
    value = str(parsed["List-Unsubscribe"]).strip()
    assert value.startswith("<") and value.endswith(">") and value.count("<") == 1
    return value[1:-1]


def to(messages: list, user) -> list:
    return [m for m in messages if m.to == [user.email]]


def test_every_email_template_is_known_as_bulk_or_direct():
    folder = Path(settings.BASE_DIR) / "templates" / "emails"
    names = {path.name.removesuffix("_subject.txt") for path in folder.glob("*_subject.txt")}
    assert names == set(BULK) | DIRECT


@pytest.mark.parametrize("kind", sorted(BULK))
def test_bulk_mail_has_its_structure_and_both_unsubscribe_headers(kind, bulk, member_a):
    [message] = to(bulk(kind), member_a)
    parsed = parse(message)
    expected = ALTERNATIVE if kind == "pledge_reminder" else WITH_INVITATION
    assert shape(parsed) == expected
    assert unsubscribe_link(parsed).startswith(f"{settings.SITE_ROOT}/settings/email/")
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@pytest.mark.parametrize("kind", sorted(BULK))
def test_the_unsubscribe_link_turns_off_that_topic_only_by_post(kind, bulk, member_a):
    [message] = to(bulk(kind), member_a)
    link = unsubscribe_link(parse(message))
    response = Client(enforce_csrf_checks=True).post(
        urlsplit(link).path, {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    preference = EmailPreference.objects.get(user=member_a)
    assert {topic: getattr(preference, topic) for topic in UNSUBSCRIBE_TOPICS} == {
        topic: topic != BULK[kind] for topic in UNSUBSCRIBE_TOPICS
    }


@pytest.mark.parametrize("kind", sorted(BULK))
def test_bulk_mail_skips_a_suppressed_address(kind, bulk, member_a, admin_a):
    Suppression.objects.create(address=member_a.email)
    messages = bulk(kind)
    assert to(messages, member_a) == []
    assert len(to(messages, admin_a)) == 1


@pytest.mark.parametrize("kind", sorted(BULK))
def test_bulk_message_ids_carry_the_site_domain(kind, bulk, member_a):
    [message] = to(bulk(kind), member_a)
    assert parse(message)["Message-ID"].endswith("@127.0.0.1>")


@pytest.mark.parametrize("kind", sorted(DIRECT))
def test_direct_mail_has_its_structure_a_message_id_and_no_unsubscribe(kind, deliver_mail):
    queue_email(name=kind, to="someone@example.org", context={})
    [message] = deliver_mail()
    parsed = parse(message)
    has_html = (Path(settings.BASE_DIR) / f"templates/emails/{kind}_body.html").exists()
    assert shape(parsed) == (ALTERNATIVE if has_html else "text/plain")
    assert parsed["Message-ID"].endswith("@127.0.0.1>")
    assert parsed["List-Unsubscribe"] is None


def test_account_mail_from_sign_up_carries_the_site_domain(client, deliver_mail):
    client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": "a-long pass 8", "password2": "a-long pass 8"},
    )
    [message] = deliver_mail()
    parsed = parse(message)
    assert parsed["Message-ID"].endswith("@127.0.0.1>")
    assert parsed["List-Unsubscribe"] is None
