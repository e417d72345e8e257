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
from django.utils import timezone

from campaigns.models import coalition_zone
from campaigns.services import (
    call_announce_agenda_update,
    call_announce_new_time,
    call_cancel,
    call_publish,
    practice_save,
)
from campaigns.services.followups import call_minutes_email, update_email_send
from campaigns.staff_news import staff_digests_send
from campaigns.tasks import send_campaign_followups, send_pending_call_announcements
from campaigns.tests.factories import (
    CallRSVPFactory,
    CoalitionUpdateFactory,
    StrategyCallFactory,
)
from members.models import StaffNewsPreference, User
from members.tests.factories import ApplicationFactory, MembershipFactory, UserFactory
from outbox.emails import queue_email
from outbox.models import Suppression
from outbox.tests.mime import parse, shape
from pledges.care import care_sweep
from pledges.emails import UNSUBSCRIBE_TOPICS
from pledges.models import EmailPreference
from pledges.services import reminder_sweep

pytestmark = pytest.mark.django_db

ALTERNATIVE = ("multipart/alternative", ["text/plain", "text/html"])
WITH_INVITATION = ("multipart/mixed", [ALTERNATIVE, "text/calendar"])
# What a bulk kind is made of, when not the call emails' invitation.
SHAPES = {
    "pledge_reminder": ALTERNATIVE,
    "call_minutes": "text/plain",
    "call_reminder": ("multipart/mixed", ["text/plain", "text/calendar"]),
    "coalition_update": "text/plain",
    "care": "text/plain",
    "staff_digest": "text/plain",
    "staff_news_item": "text/plain",
}

# Bulk kinds: template name -> the topic its one-click link turns off.
BULK = {
    "pledge_reminder": "reminders",
    "call_published": "call_emails",
    "call_agenda_updated": "call_emails",
    "call_rescheduled": "call_emails",
    "call_cancelled": "call_emails",
    "staff_digest": "staff_news",
    "staff_news_item": "staff_news",
    "call_minutes": "call_emails",
    "call_reminder": "call_emails",
    "coalition_update": "updates",
    "care": "reminders",
}
FOLLOW_UPS = {"call_minutes", "call_reminder", "coalition_update", "care"}
# Topics that are EmailPreference fields; staff news is a StaffNewsPreference.
PREFERENCE_TOPICS = [topic for topic in UNSUBSCRIBE_TOPICS if topic != "staff_news"]
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
    "partnership_paused",
    "partnership_resumed",
    "pause_request_new",
    "pause_request_decided",
    "referral_thanks",
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


def send_staff_news(kind: str, admin_a) -> None:
    if kind == "staff_news_item":
        practice_save(membership=admin_a.membership, data={"title": "Warmline"}, submit=True)
        return
    for user in User.objects.filter(is_staff=True):
        StaffNewsPreference.objects.create(user=user, frequency="daily")
    with time_machine.travel(datetime.datetime(2026, 12, 2, 12, tzinfo=datetime.UTC)):
        ApplicationFactory(name="Riverside Peer Center")
    staff_digests_send(day=datetime.date(2026, 12, 3))


def send_followup(kind: str, staff, readers: list) -> None:
    if kind == "call_minutes":
        call_minutes_email(call=StrategyCallFactory(minutes="We agreed."), by=staff)
    elif kind == "call_reminder":
        call = StrategyCallFactory(starts_at=timezone.now() + datetime.timedelta(hours=20))
        for user in readers:
            CallRSVPFactory(call=call, user=user)
    elif kind == "coalition_update":
        update_email_send(update_id=CoalitionUpdateFactory(send_by_email=True).pk)
    else:
        with time_machine.travel(datetime.datetime(2026, 5, 10, 9, tzinfo=coalition_zone())):
            care_sweep(today=datetime.date(2026, 5, 10))
    send_campaign_followups()


@pytest.fixture
def colleague(db):
    return UserFactory(email="colleague@example.org", is_staff=True)


@pytest.fixture
def reader(kind, admin_a, member_a, staff):
    """Who receives `kind`: staff news goes to staff, care emails to the organization's admins,
    the rest to partners."""
    if BULK[kind] == "staff_news":
        return staff
    return admin_a if kind == "care" else member_a


@pytest.fixture
def other_reader(kind, org_a, admin_a, colleague):
    if kind == "care":
        return MembershipFactory(organization=org_a, role="admin").user
    return colleague if BULK[kind] == "staff_news" else admin_a


@pytest.fixture
def bulk(staff, colleague, admin_a, member_a, deliver_mail):
    """Send one bulk email of `kind` the way the portal does; the messages delivered."""

    def bulk(kind: str) -> list:
        if kind == "pledge_reminder":
            send_reminder(staff)
        elif BULK[kind] == "staff_news":
            send_staff_news(kind, admin_a)
        elif kind in FOLLOW_UPS:
            send_followup(kind, staff, [member_a, admin_a])
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
def test_bulk_mail_has_its_structure_and_both_unsubscribe_headers(kind, bulk, reader):
    [message] = to(bulk(kind), reader)
    parsed = parse(message)
    assert shape(parsed) == SHAPES.get(kind, WITH_INVITATION)
    assert unsubscribe_link(parsed).startswith(f"{settings.SITE_ROOT}/settings/email/")
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def unsubscribe_by_post(message) -> None:
    link = unsubscribe_link(parse(message))
    response = Client(enforce_csrf_checks=True).post(
        urlsplit(link).path, {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize("kind", sorted(k for k in BULK if BULK[k] != "staff_news"))
def test_the_unsubscribe_link_turns_off_that_topic_only_by_post(kind, bulk, reader):
    [message] = to(bulk(kind), reader)
    unsubscribe_by_post(message)
    preference = EmailPreference.objects.get(user=reader)
    assert {topic: getattr(preference, topic) for topic in PREFERENCE_TOPICS} == {
        topic: topic != BULK[kind] for topic in PREFERENCE_TOPICS
    }


@pytest.mark.parametrize("kind", sorted(k for k in BULK if BULK[k] == "staff_news"))
def test_the_staff_news_link_turns_off_staff_news_only_by_post(kind, bulk, reader):
    [message] = to(bulk(kind), reader)
    unsubscribe_by_post(message)
    assert StaffNewsPreference.objects.get(user=reader).frequency == "none"
    assert not EmailPreference.objects.filter(user=reader).exists()


@pytest.mark.parametrize("kind", sorted(BULK))
def test_bulk_mail_skips_a_suppressed_address(kind, bulk, reader, other_reader):
    Suppression.objects.create(address=reader.email)
    messages = bulk(kind)
    assert to(messages, reader) == []
    assert len(to(messages, other_reader)) == 1


@pytest.mark.parametrize("kind", sorted(BULK))
def test_bulk_message_ids_carry_the_site_domain(kind, bulk, reader):
    [message] = to(bulk(kind), reader)
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
        {
            "name": "Dana",
            "email": "new@example.org",
            "password1": "a-long pass 8",
            "password2": "a-long pass 8",
        },
    )
    [message] = deliver_mail()
    parsed = parse(message)
    assert parsed["Message-ID"].endswith("@127.0.0.1>")
    assert parsed["List-Unsubscribe"] is None
