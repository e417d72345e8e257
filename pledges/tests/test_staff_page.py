"""/staff/ as staff read it: latest month first, labelled cells, an honest chart, and a way
to reach organizations at risk."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from members.tests.factories import MembershipFactory, OrganizationFactory
from pledges.tests.factories import ActivityFactory, day

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel(datetime.datetime(2026, 5, 20, 12, 0), tick=False):
        yield


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_it_shows_the_latest_month_first(staff_client):
    OrganizationFactory(joined_on=day("2026-01-01"))
    response = staff_client.get(reverse("pledges:staff"))
    assert response.context["grid_months"][0] == day("2026-05-01")
    assert response.text.index(">May 26<") < response.text.index(">Apr 26<")


def test_it_labels_months_before_an_organization_joined(staff_client):
    OrganizationFactory(joined_on=day("2026-04-01"))
    assert "Before joining" in staff_client.get(reverse("pledges:staff")).text


def test_it_leaves_months_with_nobody_counted_out_of_the_chart(staff_client):
    OrganizationFactory(joined_on=day("2026-04-01"))
    bars = staff_client.get(reverse("pledges:staff")).context["bars"]
    assert [bar["month"] for bar in bars] == [day("2026-04-01"), day("2026-05-01")]


def test_it_links_an_organization_at_risk_to_its_page_and_its_admins(staff_client):
    org = OrganizationFactory(name="Slipping", joined_on=day("2026-01-01"))
    ActivityFactory(organization=org, occurred_on=day("2026-02-10"))
    MembershipFactory(organization=org, role="admin", user__email="lead@slipping.example")
    page = staff_client.get(reverse("pledges:staff")).text
    assert reverse("admin:members_organization_change", args=[org.pk]) in page
    assert "mailto:lead@slipping.example?subject=Checking%20in%20from%20the%20coalition" in page


def test_it_says_so_when_an_organization_at_risk_has_no_admin(staff_client):
    org = OrganizationFactory(name="Slipping", joined_on=day("2026-01-01"))
    ActivityFactory(organization=org, occurred_on=day("2026-02-10"))
    assert "no admin to write to" in staff_client.get(reverse("pledges:staff")).text
