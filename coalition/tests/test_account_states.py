"""Issue 8, item 5: people without an active partner organization reach no member content."""

import pytest
from django.test import Client
from django.urls import reverse

from members.models import Organization
from members.tests.factories import ApplicationFactory, UserFactory

from .conftest import MARKER


def member_pages(world) -> list[str]:
    return [
        reverse("dashboard"),
        reverse("pledges:activity_list"),
        reverse("pledges:activity_new"),
        reverse("campaigns:call_list"),
        reverse("campaigns:call_detail", args=[world.call.pk]),
        reverse("campaigns:call_calendar", args=[world.call.pk]),
        reverse("campaigns:days_of_action"),
        reverse("campaigns:initiative_list"),
        reverse("campaigns:initiative_detail", args=[world.verified.pk]),
        reverse("campaigns:initiative_new"),
        reverse("campaigns:feed_settings"),
        reverse("members:org_profile"),
        reverse("members:org_profile_edit"),
        reverse("members:org_team"),
    ]


def _pending(world):
    return ApplicationFactory(status="submitted").applicant


def _declined(world):
    return ApplicationFactory(status="declined").applicant


def _removed(world):
    user = world.b.member
    user.membership.delete()
    return user


def _withdrawn(world):
    Organization.objects.filter(pk=world.b.org.pk).update(status="withdrawn")
    return world.b.member


def _suspended(world):
    Organization.objects.filter(pk=world.b.org.pk).update(status="suspended")
    return world.b.admin


STATES = {
    "pending applicant": _pending,
    "declined applicant": _declined,
    "removed member": _removed,
    "withdrawn organization": _withdrawn,
    "suspended organization": _suspended,
    "signed-up, never applied": lambda world: UserFactory(),
}


@pytest.mark.parametrize("state", STATES)
def test_people_without_an_active_partner_reach_no_member_content(world, state):
    client = Client()
    client.force_login(STATES[state](world))
    for path in member_pages(world):
        response = client.get(path)
        assert response.status_code in (302, 403, 404), f"{state}: {path}"
        assert MARKER not in response.content.decode()


def test_a_deactivated_user_with_a_live_session_is_signed_out(world):
    client = Client()
    client.force_login(world.a.member)
    world.a.member.is_active = False
    world.a.member.save()
    for path in [*member_pages(world), reverse("members:account_data")]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("state", ["removed member", "withdrawn organization"])
def test_their_calendar_feed_stops(world, state):
    user = STATES[state](world)
    url = reverse("campaigns:calendar_feed") + f"?token={user.calendar_feed.token}"
    assert Client().get(url).status_code == 404
