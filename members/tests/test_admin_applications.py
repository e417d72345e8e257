import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from members.models import Organization, PartnershipApplication

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:members_partnershipapplication_changelist")


def decide_url(application, decision):
    return reverse("admin:members_partnershipapplication_decide", args=[application.pk, decision])


def listed(response):
    return [a.name for a in response.context["cl"].result_list]


def test_staff_filter_by_status_state_and_type_and_search(client, staff):
    ApplicationFactory(name="Open One", state="TX", type="union")
    ApplicationFactory(name="Done One", state="CA", status="declined")
    client.force_login(staff)
    assert listed(client.get(CHANGELIST, {"status__exact": "submitted"})) == ["Open One"]
    assert listed(client.get(CHANGELIST, {"state__exact": "CA"})) == ["Done One"]
    assert listed(client.get(CHANGELIST, {"type__exact": "union"})) == ["Open One"]
    assert listed(client.get(CHANGELIST, {"q": "done"})) == ["Done One"]


def test_non_staff_cannot_open_the_admin(client, admin_a):
    client.force_login(admin_a)
    assert client.get(CHANGELIST).url.startswith(reverse("admin:login"))


def test_approve_from_the_change_page(client, staff, application):
    client.force_login(staff)
    assert client.get(decide_url(application, "approve")).status_code == 200
    client.post(decide_url(application, "approve"), {"reason": ""})
    application.refresh_from_db()
    assert application.status == "approved"
    assert application.organization.name == "Riverside Peer Center"


def test_decline_needs_a_reason_first(client, staff, application):
    client.force_login(staff)
    response = client.post(decide_url(application, "decline"), {"reason": ""})
    assert "Please write the reason" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "submitted"


def test_deciding_a_decided_application_says_so(client, staff, application):
    client.force_login(staff)
    client.post(decide_url(application, "decline"), {"reason": "Not a fit."})
    response = client.post(decide_url(application, "approve"), {}, follow=True)
    assert "already declined" in response.content.decode()
    assert not Organization.objects.exists()


def test_bulk_decline_asks_for_the_reason_before_acting(client, staff):
    apps = ApplicationFactory.create_batch(2)
    client.force_login(staff)
    data = {"action": "decline_selected", ACTION_CHECKBOX_NAME: [a.pk for a in apps]}
    response = client.post(CHANGELIST, data)
    assert "Reason given to the applicant" in response.content.decode()
    assert PartnershipApplication.objects.filter(status="submitted").count() == 2
    client.post(CHANGELIST, {**data, "confirm": "yes", "reason": "We are full this year."})
    assert PartnershipApplication.objects.filter(status="declined").count() == 2


def test_bulk_approve_skips_decided_ones_with_a_message(client, staff):
    fresh, decided = ApplicationFactory(), ApplicationFactory(status="declined")
    client.force_login(staff)
    data = {"action": "approve_selected", ACTION_CHECKBOX_NAME: [fresh.pk, decided.pk]}
    response = client.post(CHANGELIST, {**data, "confirm": "yes", "reason": ""}, follow=True)
    assert "already declined" in response.content.decode()
    assert Organization.objects.count() == 1


def test_there_is_no_bulk_delete(client, staff):
    client.force_login(staff)
    actions = [
        name
        for name, _label in client.get(CHANGELIST, {"status__exact": "all"})
        .context["action_form"]
        .fields["action"]
        .choices
    ]
    assert "delete_selected" not in actions
    assert "decline_selected" in actions


def test_staff_notes_are_saved_and_history_is_kept(client, staff, application):
    client.force_login(staff)
    client.post(decide_url(application, "request_info"), {"reason": "Who is on your board?"})
    history = client.get(
        reverse("admin:members_partnershipapplication_history", args=[application.pk])
    )
    assert history.status_code == 200
    assert application.history.count() == 2


@pytest.mark.parametrize("rows", [3, 30])
def test_changelist_query_count_does_not_grow(client, staff, django_assert_num_queries, rows):
    ApplicationFactory.create_batch(rows)
    client.force_login(staff)
    with django_assert_num_queries(9):
        client.get(CHANGELIST, {"status__exact": "submitted"})


def test_it_opens_the_list_on_applications_waiting_for_a_decision(client, staff):
    client.force_login(staff)
    response = client.get(CHANGELIST)
    assert response.url == CHANGELIST + "?status__exact=submitted"
