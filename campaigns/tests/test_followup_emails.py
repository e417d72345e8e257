"""Minutes emailed once, day-before call reminders, coalition updates by email."""

import datetime
import threading

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from campaigns.models import CallMinutesEmail, CallReminder, UpdateEmailing
from campaigns.services.followups import (
    call_minutes_email,
    call_reminders_send,
    update_email_send,
)
from campaigns.tasks import send_campaign_followups
from pledges.models import EmailPreference

from .factories import CallRSVPFactory, CoalitionUpdateFactory, StrategyCallFactory


@pytest.fixture
def tomorrow_call(db):
    starts = timezone.now() + datetime.timedelta(hours=20)
    return StrategyCallFactory(title="Tomorrow's call", starts_at=starts)


def test_it_emails_the_minutes_once(
    call, member_a, member_b, staff, deliver_mail, django_capture_on_commit_callbacks
):
    call.minutes = "We agreed on {{ three }} priorities {% now %}."
    call.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert call_minutes_email(call=call, by=staff) is True
        assert call_minutes_email(call=call, by=staff) is False
    send_campaign_followups()
    sent = [m for m in deliver_mail() if m.subject.startswith("Minutes")]
    assert sorted(m.to[0] for m in sent) == sorted([member_a.email, member_b.email])
    assert "{{ three }} priorities {% now %}" in sent[0].body


def test_minutes_skip_people_who_turned_call_emails_off(call, member_a, member_b, staff):
    EmailPreference.objects.create(user=member_b, call_emails=False)
    call.minutes = "Notes."
    call.save()
    call_minutes_email(call=call, by=staff)
    send_campaign_followups()
    assert CallMinutesEmail.objects.get().recipient_count == 1


def test_minutes_need_writing_first(call, staff):
    with pytest.raises(ValueError):
        call_minutes_email(call=call, by=staff)
    assert not CallMinutesEmail.objects.exists()


def test_staff_email_the_minutes_from_the_admin(
    client, call, staff, member_a, django_capture_on_commit_callbacks
):
    call.minutes = "Notes."
    call.save()
    client.force_login(staff)
    data = {"action": "email_minutes", ACTION_CHECKBOX_NAME: [call.pk]}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:campaigns_strategycall_changelist"), data)
    assert CallMinutesEmail.objects.get(call=call).sent_at is not None


def test_it_reminds_attendees_once_with_the_calendar(tomorrow_call, deliver_mail):
    rsvp = CallRSVPFactory(call=tomorrow_call)
    send_campaign_followups()
    send_campaign_followups()
    [email] = deliver_mail()
    assert email.to == [rsvp.user.email]
    assert tomorrow_call.join_url in email.body
    assert any(name.endswith(".ics") for name, *_ in email.attachments)
    assert "List-Unsubscribe-Post" in email.extra_headers


def test_it_reminds_only_attendees_who_did_not_opt_out(tomorrow_call):
    CallRSVPFactory(call=tomorrow_call, attending=False)
    opted_out = CallRSVPFactory(call=tomorrow_call)
    EmailPreference.objects.create(user=opted_out.user, call_emails=False)
    coming = CallRSVPFactory(call=tomorrow_call)
    send_campaign_followups()
    assert list(CallReminder.objects.values_list("user", flat=True)) == [coming.user.pk]


def test_it_does_not_remind_about_a_call_a_week_away(call, db):
    CallRSVPFactory(call=StrategyCallFactory())
    send_campaign_followups()
    assert not CallReminder.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_reminder_sweeps_at_once_remind_once(tomorrow_call):
    CallRSVPFactory(call=tomorrow_call)
    barrier, counts = threading.Barrier(2), []

    def sweep():
        barrier.wait()
        try:
            counts.append(call_reminders_send(call_id=tomorrow_call.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert sorted(counts) == [0, 1]


def test_an_update_email_carries_both_one_click_headers(member_a, deliver_mail):
    update = CoalitionUpdateFactory(send_by_email=True)
    update_email_send(update_id=update.pk)
    [email] = deliver_mail()
    assert email.extra_headers["List-Unsubscribe"].startswith("<http")
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"#copy-{update.pk}" in email.body and "#share-heading" in email.body


def test_an_update_is_emailed_once_and_only_when_asked(member_a, member_b):
    EmailPreference.objects.create(user=member_b, updates=False)
    update = CoalitionUpdateFactory(send_by_email=True)
    CoalitionUpdateFactory(send_by_email=False)
    send_campaign_followups()
    send_campaign_followups()
    assert update_email_send(update_id=update.pk) == 0
    assert list(UpdateEmailing.objects.values_list("update", "recipient_count")) == [(update.pk, 1)]


def test_a_scheduled_update_waits_for_its_time(member_a):
    CoalitionUpdateFactory(
        send_by_email=True, published_at=timezone.now() + datetime.timedelta(days=1)
    )
    send_campaign_followups()
    assert not UpdateEmailing.objects.exists()


def test_staff_publish_and_email_an_update_from_the_admin(
    client, staff, member_a, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    data = {
        "title": "Senate vote",
        "body": "It passed.",
        "link": "",
        "is_published": "on",
        "send_by_email": "on",
        "published_at": f"{timezone.localdate() - datetime.timedelta(days=1)}T09:00",
        "shares-TOTAL_FORMS": "0",
        "shares-INITIAL_FORMS": "0",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:campaigns_coalitionupdate_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert UpdateEmailing.objects.get().recipient_count == 1
