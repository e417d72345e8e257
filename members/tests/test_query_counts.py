"""Pinned query counts for the organization pages: the same at a small and a larger size."""

import pytest
from django.urls import reverse

from members.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def _grow(org, count):
    OrganizationFactory.create_batch(count)
    MembershipFactory.create_batch(count, organization=org)


@pytest.mark.parametrize("count", [2, 20])
def test_it_keeps_the_org_profile_queries_flat(
    client, admin_a, org_a, count, django_assert_num_queries
):
    _grow(org_a, count)
    client.force_login(admin_a)
    # The session, its person, the focus areas, the organizations it referred, and the
    # request's savepoint pair; the edit page shows no referrals.
    with django_assert_num_queries(6):
        client.get(reverse("members:org_profile"))
    # The form: the focus areas to choose from and the organization's own.
    with django_assert_num_queries(6):
        client.get(reverse("members:org_profile_edit"))


@pytest.mark.parametrize("count", [2, 20])
def test_it_keeps_the_org_team_queries_flat(
    client, admin_a, org_a, count, django_assert_num_queries
):
    _grow(org_a, count)
    client.force_login(admin_a)
    # The session, its person, people, invitations, and the request's savepoint pair.
    with django_assert_num_queries(6):
        client.get(reverse("members:org_team"))
