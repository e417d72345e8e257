import datetime

import pytest
from django.urls import reverse

from campaigns.models import DayOfActionParticipation
from campaigns.tests.factories import DayOfActionFactory, local
from members.tests.factories import UserFactory
from pledges.models import Activity


@pytest.fixture(autouse=True)
def _december_first(time_machine):
    time_machine.move_to(local(2026, 12, 1, 9), tick=False)


@pytest.fixture
def today_day(db):
    return DayOfActionFactory(title="Crisis care for all", date=datetime.date(2026, 12, 1))


def took_part(client, day):
    return client.post(reverse("campaigns:day_took_part", args=[day.pk]), follow=True)


def test_it_lists_upcoming_published_days(client, member_a, today_day):
    DayOfActionFactory(title="Hidden", is_published=False)
    client.force_login(member_a)
    page = client.get(reverse("campaigns:days_of_action")).content.decode()
    assert "Crisis care for all" in page and "Hidden" not in page


def test_it_credits_the_pledge_once_per_organization_and_day(
    client, member_a, admin_a, org_a, today_day
):
    client.force_login(member_a)
    took_part(client, today_day)
    client.force_login(admin_a)
    response = took_part(client, today_day)
    assert "already recorded" in response.content.decode()
    assert DayOfActionParticipation.objects.get().organization == org_a
    credit = Activity.objects.in_month(datetime.date(2026, 12, 1)).get(organization=org_a)
    assert credit.kind == Activity.Kind.DAY_OF_ACTION


def test_it_waits_for_the_day_before_recording(client, member_a):
    future = DayOfActionFactory(date=datetime.date(2026, 12, 15))
    client.force_login(member_a)
    assert (
        "You can record taking part from December 15" in took_part(client, future).content.decode()
    )
    assert not Activity.objects.exists()


def test_it_refuses_unpublished_days_and_non_members(client, member_a, staff, today_day):
    hidden = DayOfActionFactory(is_published=False, date=datetime.date(2026, 12, 1))
    client.force_login(member_a)
    assert client.post(reverse("campaigns:day_took_part", args=[hidden.pk])).status_code == 404
    for user in (staff, UserFactory()):
        client.force_login(user)
        url = reverse("campaigns:day_took_part", args=[today_day.pk])
        assert client.post(url).status_code == 404
    assert not Activity.objects.exists()


def test_it_sends_anonymous_visitors_to_log_in(client, today_day):
    response = client.post(reverse("campaigns:day_took_part", args=[today_day.pk]))
    assert response.url.startswith(reverse("account_login"))


def test_it_returns_to_a_safe_next_page_only(client, member_a, today_day):
    client.force_login(member_a)
    url = reverse("campaigns:day_took_part", args=[today_day.pk])
    assert client.post(url, {"next": "https://evil.example/"}).url == reverse(
        "campaigns:days_of_action"
    )
    assert client.post(url, {"next": "/calls/"}).url == "/calls/"
