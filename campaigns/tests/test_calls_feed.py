import pytest
from django.urls import reverse
from icalendar import Calendar

from campaigns.models import CalendarFeedToken
from campaigns.tests.factories import (
    CallRSVPFactory,
    DayOfActionFactory,
    StrategyCallFactory,
    local,
)
from members.models import Organization


@pytest.fixture(autouse=True)
def _december_first(time_machine):
    time_machine.move_to(local(2026, 12, 1, 9), tick=False)


def feed(client, token: str):
    return client.get(reverse("campaigns:calendar_feed"), {"token": token})


def test_it_serves_the_feed_without_a_session(client, member_a, call):
    token = CalendarFeedToken.objects.create(user=member_a).token
    response = feed(client, token)
    assert response.status_code == 200
    cal = Calendar.from_ical(response.content)
    event = next(e for e in cal.events if str(e["SUMMARY"]) == call.title)
    assert event.start == local(2026, 12, 8, 14) and str(event.start.tzinfo) == "America/New_York"
    assert call.join_url in str(event["DESCRIPTION"])
    assert str(event["URL"]).endswith(f"/calls/{call.pk}/")


def test_it_carries_pledge_deadlines_and_days_of_action(client, member_a, db):
    DayOfActionFactory(title="Peer voices day", date=local(2026, 12, 10).date())
    DayOfActionFactory(title="Not yet published", is_published=False)
    token = CalendarFeedToken.objects.create(user=member_a).token
    events = Calendar.from_ical(feed(client, token).content).events
    summaries = {str(e["SUMMARY"]): e for e in events}
    assert (
        summaries["Last day to meet the December 2026 pledge"].start == local(2026, 12, 31).date()
    )
    assert summaries["Day of action: Peer voices day"].start == local(2026, 12, 10).date()
    assert "Day of action: Not yet published" not in summaries


def test_it_404s_for_a_wrong_or_revoked_token(client, member_a, call):
    feed_token = CalendarFeedToken.objects.create(user=member_a)
    assert feed(client, "not-a-token").status_code == 404
    assert feed(client, "").status_code == 404
    feed_token.delete()
    assert feed(client, feed_token.token).status_code == 404


def test_it_404s_once_the_person_leaves_the_partnership(client, member_a, org_a, call):
    token = CalendarFeedToken.objects.create(user=member_a).token
    Organization.objects.filter(pk=org_a.pk).update(status=Organization.Status.WITHDRAWN)
    assert feed(client, token).status_code == 404


def test_it_never_shows_drafts_or_anyone_elses_answers(client, member_a, member_b, call):
    StrategyCallFactory(draft=True, title="Secret draft", join_url="https://meet.example/draft")
    CallRSVPFactory(call=call, user=member_b, organization=member_b.membership.organization)
    token = CalendarFeedToken.objects.create(user=member_a).token
    body = feed(client, token).content.decode()
    assert "Secret draft" not in body and "meet.example/draft" not in body
    assert member_b.email not in body and "Desert Recovery" not in body


def test_a_person_creates_regenerates_and_revokes_their_link(client, member_a):
    client.force_login(member_a)
    url = reverse("campaigns:feed_settings")
    client.post(url, {"action": "create"})
    first = CalendarFeedToken.objects.get(user=member_a).token
    assert first in client.get(url).content.decode()
    client.post(url, {"action": "create"})
    assert feed(client, first).status_code == 404
    client.post(url, {"action": "revoke"})
    assert not CalendarFeedToken.objects.exists()


def test_it_speaks_the_persons_language_whatever_the_calendar_app_asks(client, member_a, db):
    member_a.language = "es"
    member_a.save(update_fields=["language"])
    DayOfActionFactory(title="Peer voices day", date=local(2026, 12, 10).date())
    token = CalendarFeedToken.objects.create(user=member_a).token
    response = client.get(
        reverse("campaigns:calendar_feed"), {"token": token}, headers={"accept-language": "en"}
    )
    summaries = {str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).events}
    assert "Jornada de acción: Peer voices day" in summaries
    assert response["Content-Language"] == "es"
