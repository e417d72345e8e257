import csv
import datetime
import io

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from members.tests.factories import OrganizationFactory
from pledges.tests.factories import ActivityFactory, PledgePauseFactory, day

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel(datetime.datetime(2026, 5, 20, 12, 0), tick=False):
        yield


@pytest.fixture
def partners(db):
    """Three organizations since January: one steady, one excused in April, one slipping."""
    steady, paused, slipping = (
        OrganizationFactory(name=name, joined_on=day("2026-01-01"), state=state)
        for name, state in [("Steady", "MA"), ("Paused", "AZ"), ("Slipping", "MA")]
    )
    for n in range(1, 6):
        ActivityFactory(organization=steady, occurred_on=day(f"2026-0{n}-05"))
    ActivityFactory(organization=paused, occurred_on=day("2026-03-05"))
    PledgePauseFactory(organization=paused, month=day("2026-04-01"))
    ActivityFactory(organization=slipping, occurred_on=day("2026-02-05"))
    return steady, paused, slipping


def test_it_refuses_a_signed_in_non_staff_person_with_403(client, member_a):
    client.force_login(member_a)
    assert client.get(reverse("pledges:staff")).status_code == 403
    assert client.get(reverse("pledges:staff_export")).status_code == 403


def test_it_sends_anonymous_visitors_to_login(client, db):
    assert client.get(reverse("pledges:staff")).url.startswith(reverse("account_login"))


def test_it_shows_each_organizations_months_in_text(client, staff, partners):
    client.force_login(staff)
    response = client.get(reverse("pledges:staff"))
    rows = {org.name: [s.status for s in statuses] for org, statuses in response.context["rows"]}
    assert rows["Paused"][-3:] == ["met", "excused", "not_yet"]
    assert rows["Slipping"][-4:] == ["met", "missed", "missed", "not_yet"]
    assert "Excused" in response.text and "Missed" in response.text


def test_it_counts_participation_per_month(client, staff, partners):
    client.force_login(staff)
    april = client.get(reverse("pledges:staff")).context["participation"][-2]
    assert (april["eligible"], april["met"], april["excused"], april["rate"]) == (3, 1, 1, 33)


def test_it_lists_organizations_at_risk(client, staff, partners):
    client.force_login(staff)
    response = client.get(reverse("pledges:staff"))
    assert [org["name"] for org in response.context["at_risk"]] == ["Slipping"]


def test_it_filters_by_state_and_at_risk(client, staff, partners):
    client.force_login(staff)
    response = client.get(reverse("pledges:staff"), {"state": "MA", "at_risk": "on"})
    assert [org.name for org, _ in response.context["rows"]] == ["Slipping"]


def test_it_counts_the_mix_of_activity_types(client, staff, partners):
    client.force_login(staff)
    mix = client.get(reverse("pledges:staff")).context["mix"]
    assert mix[0]["label"] == "Monthly strategy call" and mix[0]["count"] == 7


def test_it_exports_the_filtered_grid_as_csv(client, staff, partners):
    client.force_login(staff)
    response = client.get(reverse("pledges:staff_export"), {"state": "AZ"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Organization" and rows[0][-1] == "2026-05"
    assert rows[1][0] == "Paused" and rows[1][-3:] == ["Met", "Excused", "Not yet"]
    assert len(rows) == 2


def test_it_pages_by_fifty_organizations(client, staff):
    OrganizationFactory.create_batch(51)
    client.force_login(staff)
    response = client.get(reverse("pledges:staff"), {"page": 2})
    assert len(response.context["rows"]) == 1


@pytest.mark.parametrize("count", [3, 30])
def test_the_page_takes_the_same_queries_at_any_size(
    client, staff, count, django_assert_num_queries
):
    for org in OrganizationFactory.create_batch(count):
        ActivityFactory(organization=org)
        PledgePauseFactory(organization=org, month=day("2026-03-01"))
    cache.clear()  # a full cache table would add a cull to the write
    client.force_login(staff)
    # One more query per table registered through pledges.hooks (update reach, referrals,
    # care emails).
    # Recomputing: 6 for the figures, and the cache read and write.
    with django_assert_num_queries(24):
        client.get(reverse("pledges:staff"))
    # From the cache: one cache read instead of the 6 figure queries.
    with django_assert_num_queries(12):
        client.get(reverse("pledges:staff"))


def test_it_keeps_the_figures_ten_minutes_and_says_when_they_were_worked_out(
    client, staff, partners, time_machine
):
    time_machine.move_to("2026-06-10 12:00", tick=False)
    client.force_login(staff)
    client.get(reverse("pledges:staff"))
    ActivityFactory(organization=partners[2], occurred_on=day("2026-06-09"))
    response = client.get(reverse("pledges:staff"))
    assert response.context["participation"][-1]["met"] == 0
    assert response.context["figures_at"] == timezone.now()
    assert "Figures worked out at 12:00 PM" in response.text
    time_machine.move_to("2026-06-10 12:09:59", tick=False)
    assert client.get(reverse("pledges:staff")).context["participation"][-1]["met"] == 0
    time_machine.move_to("2026-06-10 12:10:01", tick=False)
    assert client.get(reverse("pledges:staff")).context["participation"][-1]["met"] == 1


def test_it_shows_a_logged_activity_in_the_grid_at_once(client, staff, member_a, org_a):
    client.force_login(staff)
    client.get(reverse("pledges:staff"))
    client.force_login(member_a)
    form = {"kind": "recruiting", "occurred_on": timezone.localdate().isoformat(), "summary": "Met"}
    assert client.post(reverse("pledges:activity_new"), form).status_code == 302
    client.force_login(staff)
    assert "badge-met" in client.get(reverse("pledges:staff")).text
