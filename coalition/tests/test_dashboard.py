import datetime

import pytest
import time_machine
from django.urls import reverse

from members.tests.factories import OrganizationFactory, UserFactory
from pledges.tests.factories import ActivityFactory, PledgePauseFactory, day

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel(datetime.datetime(2026, 5, 20, 12, 0), tick=False):
        yield


def test_it_shows_not_yet_with_the_days_left(client, member_a):
    client.force_login(member_a)
    response = client.get(reverse("dashboard"))
    assert "Not yet" in response.text
    assert "12 days left" in response.text
    assert reverse("pledges:activity_new") in response.text


def test_it_shows_met_and_the_streak_through_an_excused_month(client, member_a, org_a):
    org_a.joined_on = day("2026-03-01")
    org_a.save()
    ActivityFactory(organization=org_a, occurred_on=day("2026-03-03"))
    PledgePauseFactory(organization=org_a, month=day("2026-04-01"))
    ActivityFactory(organization=org_a, occurred_on=day("2026-05-02"))
    client.force_login(member_a)
    response = client.get(reverse("dashboard"))
    assert response.context["this_month"].status == "met"
    assert (response.context["current_streak"], response.context["longest_streak"]) == (3, 3)


def test_it_shows_twelve_months_with_text_labels(client, member_a):
    client.force_login(member_a)
    response = client.get(reverse("dashboard"))
    assert len(response.context["strip"]) == 12
    assert "Before joining" in response.text and "Missed" in response.text


def test_it_sends_anonymous_visitors_to_login(client, db):
    response = client.get(reverse("dashboard"))
    assert response.url.startswith(reverse("account_login"))


def test_it_sends_someone_without_a_partner_to_their_application(client, db):
    client.force_login(UserFactory())
    response = client.get(reverse("dashboard"))
    assert response.url == reverse("members:apply_status")


def test_it_sends_staff_without_a_partner_to_coalition_health(client, staff):
    client.force_login(staff)
    assert client.get(reverse("dashboard")).url == reverse("pledges:staff")


def test_it_does_not_show_another_organizations_activities(client, member_a, org_b):
    ActivityFactory(organization=org_b, summary="Desert rally")
    client.force_login(member_a)
    assert "Desert rally" not in client.get(reverse("dashboard")).text


def test_it_shows_the_next_call_with_its_first_agenda_items(client, member_a):
    from campaigns.tests.factories import AgendaItemFactory

    AgendaItemFactory(call__title="January strategy call", topic="Crisis line funding")
    client.force_login(member_a)
    response = client.get(reverse("dashboard"))
    assert "January strategy call" in response.text
    assert "Crisis line funding" in response.text
    assert "No strategy call is scheduled yet" not in response.text


# Warm: the session, its person, the panels' key (the call, its agenda, the days, the
# updates), the cached panels, the pledge grid (2), the days taken part in, the updates shared,
# the recent activities; the request's savepoint pair (its transaction, inside the test's).
COLD, WARM = 24, 14


@pytest.mark.parametrize("count", [3, 30])
def test_the_dashboard_takes_the_same_queries_at_any_size(
    client, member_a, org_a, count, django_assert_num_queries
):
    from campaigns.tests.factories import (
        AgendaItemFactory,
        CoalitionUpdateFactory,
        DayOfActionFactory,
        UpdateShareFactory,
    )

    for update in CoalitionUpdateFactory.create_batch(count):
        UpdateShareFactory(update=update, organization=org_a)
    for org in OrganizationFactory.create_batch(count):
        ActivityFactory(organization=org)
    ActivityFactory.create_batch(count, organization=org_a)
    AgendaItemFactory.create_batch(count, call=AgendaItemFactory().call)
    DayOfActionFactory.create_batch(count)
    client.force_login(member_a)
    with django_assert_num_queries(COLD):  # the first view reads the coalition panels
        client.get(reverse("dashboard"))
    with django_assert_num_queries(WARM):  # later ones share them from the cache
        client.get(reverse("dashboard"))


def dashboard_text(client) -> str:
    return client.get(reverse("dashboard")).text


def test_a_logged_activity_shows_at_once(client, member_a, org_a):
    client.force_login(member_a)
    assert "Not yet" in dashboard_text(client)
    response = client.post(
        reverse("pledges:activity_new"),
        {
            "kind": "implementation",
            "occurred_on": "2026-05-19",
            "summary": "Town hall on crisis lines",
        },
    )
    assert response.status_code == 302
    text = dashboard_text(client)
    assert "Town hall on crisis lines" in text and "Not yet" not in text


def test_removed_activities_and_a_staff_pause_show_at_once(client, member_a, org_a):
    ActivityFactory(organization=org_a, occurred_on=day("2026-05-02"), summary="Rally at noon")
    client.force_login(member_a)
    assert "Rally at noon" in dashboard_text(client)
    org_a.activities.all().delete()
    assert "Rally at noon" not in dashboard_text(client)
    PledgePauseFactory(organization=org_a, month=day("2026-05-01"))
    assert "Excused" in dashboard_text(client)


def test_taking_part_and_sharing_show_at_once(client, member_a, org_a):
    from campaigns.models import UpdateShare
    from campaigns.tests.factories import CoalitionUpdateFactory, DayOfActionFactory

    action = DayOfActionFactory(title="Call-in day", date=day("2026-05-20"))
    update = CoalitionUpdateFactory(title="988 funding passed")
    client.force_login(member_a)
    text = dashboard_text(client)
    assert "Your organization took part" not in text and "passed this on" not in text
    client.post(reverse("campaigns:day_took_part", args=[action.pk]))
    assert "Your organization took part" in dashboard_text(client)
    client.post(reverse("campaigns:update_shared", args=[update.pk]), {"reach": "40"})
    assert "Your organization passed this on" in dashboard_text(client)
    UpdateShare.objects.get().delete()  # staff remove it in the admin
    assert "Your organization passed this on" not in dashboard_text(client)


def test_a_new_day_shows_the_days_left_again(client, member_a):
    client.force_login(member_a)
    assert "12 days left" in dashboard_text(client)
    with time_machine.travel(datetime.datetime(2026, 5, 21, 12, 0), tick=False):
        assert "11 days left" in dashboard_text(client)
