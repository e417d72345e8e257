import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import CallRSVP
from campaigns.tests.factories import StrategyCallFactory

pytestmark = pytest.mark.django_db


def test_it_never_says_nobody_came_to_a_past_call(client, member_a):
    call = StrategyCallFactory(starts_at=timezone.now() - datetime.timedelta(days=3))
    client.force_login(member_a)
    for url in (reverse("campaigns:call_detail", args=[call.pk]), reverse("campaigns:call_list")):
        assert "0 people" not in client.get(url).content.decode()


def test_it_marks_the_chosen_answer(client, member_a, org_a):
    call = StrategyCallFactory()
    CallRSVP.objects.create(call=call, user=member_a, organization=org_a, attending=False)
    client.force_login(member_a)
    body = client.get(reverse("campaigns:call_detail", args=[call.pk])).content.decode()
    assert '<span aria-hidden="true">✓ </span>No, I can\'t make it' in body
    assert '<span aria-hidden="true">✓ </span>Yes' not in body
