import pytest
from django.urls import reverse
from django.utils import timezone

from pledges.tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def log(client, user):
    client.force_login(user)
    data = {"kind": "other", "occurred_on": timezone.localdate().isoformat(), "summary": "Met"}
    response = client.post(reverse("pledges:activity_new"), data, follow=True)
    return response.content.decode()


def test_it_says_the_months_pledge_is_met_by_the_first_activity(client, member_a):
    body = log(client, member_a)
    assert f"{timezone.localdate():%B}&#x27;s pledge is met, thank you." in body


def test_it_thanks_plainly_for_a_later_activity(client, member_a, org_a):
    ActivityFactory(organization=org_a, occurred_on=timezone.localdate())
    body = log(client, member_a)
    assert "Thank you. Your activity is logged." in body
    assert "pledge is met" not in body
