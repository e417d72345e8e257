"""Pinned query count for the log-an-activity form: the same however much is logged."""

import pytest
from django.urls import reverse

from pledges.tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 30])
def test_it_keeps_the_new_activity_form_queries_flat(
    client, member_a, org_a, count, django_assert_num_queries
):
    ActivityFactory.create_batch(count, organization=org_a)
    client.force_login(member_a)
    with django_assert_num_queries(2):
        client.get(reverse("pledges:activity_new"))
