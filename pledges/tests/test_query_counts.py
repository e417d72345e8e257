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
    # The session, its person, and the request's savepoint pair.
    with django_assert_num_queries(4):
        client.get(reverse("pledges:activity_new"))


def test_it_offers_todays_date_and_shows_errors(client, member_a, time_machine):
    client.force_login(member_a)
    time_machine.move_to("2026-05-20 12:00", tick=False)
    assert 'value="2026-05-20"' in client.get(reverse("pledges:activity_new")).text
    time_machine.move_to("2026-05-21 12:00", tick=False)
    assert 'value="2026-05-21"' in client.get(reverse("pledges:activity_new")).text
    response = client.post(reverse("pledges:activity_new"), {"kind": "", "summary": ""})
    assert response.status_code == 200 and "is-invalid" in response.text
