import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from campaigns.models import CallRSVP, StrategyCall
from campaigns.tests.factories import (
    AgendaItemFactory,
    CallRSVPFactory,
    InitiativeFactory,
    StrategyCallFactory,
    local,
)
from members.tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _december_first(time_machine):
    time_machine.move_to(local(2026, 12, 1, 9), tick=False)


def detail(call) -> str:
    return reverse("campaigns:call_detail", args=[call.pk])


def test_it_shows_the_agenda_time_and_join_details_to_a_member(client, member_a, call):
    client.force_login(member_a)
    response = client.get(detail(call))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tuesday, December 8, 2026, 2:00 PM to 3:00 PM Eastern Time (EST)" in page
    assert "Welcome and new partners" in page and "Crisis-line funding" in page
    assert call.join_url in page and "4242" in page


def test_it_sends_anonymous_visitors_to_log_in(client, call):
    for url in [reverse("campaigns:call_list"), detail(call), reverse("campaigns:feed_settings")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_it_hides_calls_from_people_outside_partner_organizations(client, call):
    client.force_login(UserFactory())
    assert client.get(reverse("campaigns:call_list")).status_code == 404
    assert client.get(detail(call)).status_code == 404
    ics = reverse("campaigns:call_calendar", args=[call.pk])
    assert client.get(ics).status_code == 404


def test_it_lets_staff_without_an_organization_look(client, staff, call):
    client.force_login(staff)
    assert client.get(reverse("campaigns:call_list")).status_code == 200
    assert call.join_url in client.get(detail(call)).content.decode()


@pytest.mark.parametrize("status", ["draft", "cancelled"])
def test_it_hides_unpublished_calls_from_members(client, member_a, status):
    call = StrategyCallFactory(status=status, published_at=None)
    client.force_login(member_a)
    assert client.get(detail(call)).status_code == 404
    assert call.title not in client.get(reverse("campaigns:call_list")).content.decode()


def test_it_shows_a_cancelled_call_members_were_told_about(client, member_a, call):
    StrategyCall.objects.filter(pk=call.pk).update(status="cancelled")
    client.force_login(member_a)
    assert "has been cancelled" in client.get(detail(call)).content.decode()


def test_it_lets_staff_preview_a_draft(client, staff):
    call = StrategyCallFactory(draft=True)
    client.force_login(staff)
    assert "This call is a draft" in client.get(detail(call)).content.decode()


def test_it_records_and_changes_an_rsvp(client, member_a, org_a, call):
    client.force_login(member_a)
    url = reverse("campaigns:call_rsvp", args=[call.pk])
    client.post(url, {"attending": "yes"})
    client.post(url, {"attending": "no"})
    rsvp = CallRSVP.objects.get(call=call)
    assert (rsvp.user, rsvp.organization, rsvp.attending) == (member_a, org_a, False)


def test_it_explains_a_missing_rsvp_answer(client, member_a, call):
    client.force_login(member_a)
    response = client.post(
        reverse("campaigns:call_rsvp", args=[call.pk]), {"attending": "maybe"}, follow=True
    )
    assert "Select a valid choice" in response.content.decode()
    assert not CallRSVP.objects.exists()


def test_it_refuses_rsvps_from_non_members_and_for_drafts(client, staff, member_a):
    draft = StrategyCallFactory(draft=True)
    client.force_login(member_a)
    assert (
        client.post(
            reverse("campaigns:call_rsvp", args=[draft.pk]), {"attending": "yes"}
        ).status_code
        == 404
    )
    client.force_login(staff)
    published = StrategyCallFactory()
    url = reverse("campaigns:call_rsvp", args=[published.pk])
    assert client.post(url, {"attending": "yes"}).status_code == 404


def test_it_closes_rsvps_after_the_call(client, member_a):
    past = StrategyCallFactory(starts_at=local(2026, 11, 10, 14))
    client.force_login(member_a)
    client.post(reverse("campaigns:call_rsvp", args=[past.pk]), {"attending": "yes"})
    assert not CallRSVP.objects.exists()


def test_it_counts_people_and_organizations_planning_to_come(client, member_a, org_a, call):
    CallRSVPFactory.create_batch(2, call=call)
    CallRSVPFactory(call=call, attending=False)
    CallRSVPFactory(call=call, user=member_a, organization=org_a)
    client.force_login(member_a)
    assert "3 people from 3 organizations plan to come" in client.get(detail(call)).content.decode()


def test_it_downloads_the_call_as_an_ics_in_the_coalition_zone(client, member_a, call):
    client.force_login(member_a)
    response = client.get(reverse("campaigns:call_calendar", args=[call.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    event = cal.events[0]
    assert event.start == local(2026, 12, 8, 14)
    assert str(event.start.tzinfo) == "America/New_York"
    assert event.end - event.start == datetime.timedelta(hours=1)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["America/New_York"]
    assert str(event["URL"]).endswith(detail(call))
    assert call.join_url in str(event["DESCRIPTION"])
    assert str(event["UID"]) == f"strategy-call-{call.pk}@127.0.0.1"


def _calls_with(n: int) -> StrategyCall:
    call = StrategyCallFactory(starts_at=local(2026, 12, 8, 14) + datetime.timedelta(hours=n))
    for item in AgendaItemFactory.create_batch(n, call=call):
        item.initiatives.set(InitiativeFactory.create_batch(2))
    CallRSVPFactory.create_batch(n, call=call)
    past = StrategyCallFactory(starts_at=local(2026, 11, 10, 14) - datetime.timedelta(hours=n))
    AgendaItemFactory.create_batch(n, call=past)
    return call


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_it_keeps_queries_flat_on_the_call_pages(client, member_a, django_assert_num_queries):
    client.force_login(member_a)
    small = _calls_with(2)
    list_url = reverse("campaigns:call_list")
    list_queries, detail_queries = _queries(client, list_url), _queries(client, detail(small))
    for _ in range(12):
        _calls_with(3)
    large = _calls_with(20)
    with django_assert_num_queries(list_queries):
        client.get(list_url)
    with django_assert_num_queries(detail_queries):
        client.get(detail(large))
