import pytest
from django.test import Client
from django.urls import reverse

from members.models import StaffNewsPreference
from pledges.emails import (
    STAFF_NEWS_TOPIC,
    UNSUBSCRIBE_TOPICS,
    unsubscribe_headers,
    unsubscribe_token,
    unsubscribe_url,
)
from pledges.models import EmailPreference


def unsubscribe_path(user, topic="reminders") -> str:
    return reverse("pledges:unsubscribe", args=[unsubscribe_token(user, topic)])


def test_it_unsubscribes_by_post_without_login_or_csrf(member_a):
    client = Client(enforce_csrf_checks=True)
    response = client.post(unsubscribe_path(member_a), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200  # RFC 8058: no redirect
    assert EmailPreference.objects.get(user=member_a).reminders is False


def test_it_asks_before_unsubscribing_on_get(client, member_a):
    response = client.get(unsubscribe_path(member_a))
    assert "Yes, unsubscribe me" in response.text
    assert EmailPreference.for_user(member_a).reminders is True


def test_it_refuses_a_forged_token(client, member_a):
    response = client.post(unsubscribe_path(member_a)[:-6] + "xxxxx/")
    assert response.status_code == 400
    assert EmailPreference.for_user(member_a).reminders is True


def test_it_turns_off_call_emails_from_a_call_link(client, member_a):
    client.post(unsubscribe_path(member_a, "call_emails"))
    preference = EmailPreference.objects.get(user=member_a)
    assert (preference.reminders, preference.call_emails) == (True, False)


def test_the_link_in_emails_is_absolute(member_a):
    assert unsubscribe_url(member_a).startswith("http://127.0.0.1:8000/settings/email/")


def test_the_preferences_page_turns_reminders_off_and_on(client, member_a):
    client.force_login(member_a)
    client.post(reverse("pledges:email_preferences"), {"call_emails": "on"})
    assert EmailPreference.objects.get(user=member_a).reminders is False
    client.post(reverse("pledges:email_preferences"), {"reminders": "on"})
    preference = EmailPreference.objects.get(user=member_a)
    assert (preference.reminders, preference.call_emails) == (True, False)


def test_the_preferences_page_works_without_a_partner(client, staff):
    client.force_login(staff)
    assert client.get(reverse("pledges:email_preferences")).status_code == 200


@pytest.mark.django_db
def test_the_preferences_page_needs_login(client):
    response = client.get(reverse("pledges:email_preferences"))
    assert response.url.startswith(reverse("account_login"))


def test_every_one_click_topic_can_be_turned_back_on_in_settings(client, member_a):
    client.force_login(member_a)
    page = client.get(reverse("pledges:email_preferences")).text
    for topic in UNSUBSCRIBE_TOPICS.keys() - {STAFF_NEWS_TOPIC}:
        assert f'name="{topic}"' in page


def test_staff_news_is_turned_back_on_in_the_admin(client, staff):
    response = client.post(unsubscribe_path(staff, STAFF_NEWS_TOPIC))
    assert StaffNewsPreference.objects.get(user=staff).frequency == "none"
    assert reverse("admin:members_staffnewspreference_mine") in response.text
    assert not EmailPreference.objects.filter(user=staff).exists()


def test_the_headers_name_the_topic_link_and_one_click(member_a):
    headers = unsubscribe_headers(member_a, "call_emails")
    assert headers["List-Unsubscribe"] == f"<{unsubscribe_url(member_a, 'call_emails')}>"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
