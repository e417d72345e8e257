from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from campaigns.models import Practice
from pledges.models import Activity

from .factories import PracticeFactory

CHANGELIST = reverse("admin:campaigns_practice_changelist")


def test_a_bulk_decline_asks_for_the_reason_first(client, staff, org_a):
    practices = PracticeFactory.create_batch(2, organization=org_a, status="submitted")
    client.force_login(staff)
    picked = {"action": "decline_selected", ACTION_CHECKBOX_NAME: [p.pk for p in practices]}
    response = client.post(CHANGELIST, picked)
    assert "Reason or note sent to the partner" in response.text
    assert not Practice.objects.filter(status="declined").exists()
    client.post(CHANGELIST, {**picked, "confirm": "yes", "reason": ""})
    assert not Practice.objects.filter(status="declined").exists()


def test_a_bulk_accept_credits_each_organization_once(client, staff, org_a, org_b):
    ours = PracticeFactory(organization=org_a, status="submitted")
    theirs = PracticeFactory(organization=org_b, status="submitted")
    client.force_login(staff)
    picked = {"action": "accept_selected", ACTION_CHECKBOX_NAME: [ours.pk, theirs.pk]}
    for _ in range(2):
        client.post(CHANGELIST, {**picked, "confirm": "yes", "reason": ""})
    assert Practice.objects.filter(status="accepted").count() == 2
    assert Activity.objects.count() == 2


def test_one_practice_is_sent_back_for_changes_with_a_note(client, staff, org_a, deliver_mail):
    practice = PracticeFactory(organization=org_a, status="submitted")
    client.force_login(staff)
    url = reverse("admin:campaigns_practice_decide", args=[practice.pk, "request_changes"])
    client.post(url, {"confirm": "yes", "reason": "Please add results."})
    practice.refresh_from_db()
    assert practice.status == "changes_requested" and practice.review_note == "Please add results."


def test_members_cannot_reach_the_decision_page(client, member_a, org_a):
    practice = PracticeFactory(organization=org_a, status="submitted")
    client.force_login(member_a)
    url = reverse("admin:campaigns_practice_decide", args=[practice.pk, "accept"])
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    practice.refresh_from_db()
    assert practice.status == "submitted"
