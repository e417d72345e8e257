"""A new partner's dashboard offers first steps that tick themselves off, then go away."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns.models import CalendarFeedToken
from members.models import FocusArea, Invitation
from members.tests.factories import MembershipFactory, OrganizationFactory
from pledges.tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

STEPS = {
    "profile": "Complete your organization&#x27;s profile",
    "teammate": "Invite a teammate",
    "calendar": "Add the strategy calls to your calendar",
    "activity": "Log your first activity",
}


@pytest.fixture
def newcomer():
    org = OrganizationFactory(joined_on=timezone.localdate(), website="", description="")
    return MembershipFactory(organization=org, role="admin").user


def done(user, key: str) -> None:
    org = user.membership.organization
    if key == "profile":
        org.description, org.website = "Peer support", "https://example.org"
        org.save()
        area, _ = FocusArea.objects.get_or_create(name="Peer support", defaults={"slug": "peer"})
        org.focus_areas.add(area)
    elif key == "teammate":
        Invitation.objects.create(organization=org, email="t@example.org", invited_by=user)
    elif key == "calendar":
        CalendarFeedToken.objects.create(user=user)
    else:
        ActivityFactory(organization=org)


def dashboard(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("dashboard")).content.decode()


def test_it_offers_a_new_partner_every_step(client, newcomer):
    body = dashboard(client, newcomer)
    assert "Your first steps" in body
    for label in STEPS.values():
        assert f">{label}</a>" in body


@pytest.mark.parametrize("key", STEPS)
def test_it_ticks_a_step_once_done(client, newcomer, key):
    done(newcomer, key)
    body = dashboard(client, newcomer)
    assert f">{STEPS[key]}</a>" not in body
    assert f'{STEPS[key]} <span class="visually-hidden">(done)</span>' in body


def test_it_goes_away_when_every_step_is_done(client, newcomer):
    for key in STEPS:
        done(newcomer, key)
    assert "Your first steps" not in dashboard(client, newcomer)


def test_it_offers_a_member_only_their_own_steps(client, newcomer):
    member = MembershipFactory(organization=newcomer.membership.organization).user
    body = dashboard(client, member)
    assert STEPS["calendar"] in body
    assert STEPS["teammate"] not in body


def test_it_is_not_offered_to_a_partner_of_long_standing(client, member_a):
    assert "Your first steps" not in dashboard(client, member_a)


def test_it_reads_every_step_in_one_query(client, newcomer, member_a):
    counts = []
    for user in (member_a, newcomer):
        dashboard(client, user)  # the coalition panels are cached by the first view
        with CaptureQueriesContext(connection) as queries:
            dashboard(client, user)
        counts.append(len(queries))
    assert counts[1] == counts[0] + 1
