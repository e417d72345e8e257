"""Staff browse and search the admin's change log and the applications' history; nobody edits
them."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from members.models import PartnershipApplication
from members.tests.factories import ApplicationFactory

LOG_LIST = reverse("admin:admin_logentry_changelist")
HISTORY_LIST = reverse("admin:members_historicalpartnershipapplication_changelist")


@pytest.fixture
def entry(staff):
    app = ApplicationFactory(name="Riverbend Peer Network")
    return LogEntry.objects.log_actions(
        user_id=staff.pk, queryset=[app], action_flag=CHANGE, change_message="Asked for details"
    )[0]


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_it_lists_the_change_log_for_staff(staff_client, entry):
    response = staff_client.get(LOG_LIST)
    assert response.status_code == 200
    assert "Riverbend Peer Network" in response.content.decode()


@pytest.mark.parametrize("q", ["Riverbend", "Asked for details", "coordinator@example.org"])
def test_it_searches_the_change_log(staff_client, entry, q):
    response = staff_client.get(LOG_LIST, {"q": q})
    assert list(response.context["cl"].result_list) == [entry]


def test_it_filters_the_change_log_by_action_and_type(staff_client, entry):
    content_type = ContentType.objects.get_for_model(PartnershipApplication)
    response = staff_client.get(LOG_LIST, {"action_flag": CHANGE, "content_type": content_type.pk})
    assert list(response.context["cl"].result_list) == [entry]


def test_nobody_changes_or_deletes_a_log_entry(staff_client, entry):
    change_url = reverse("admin:admin_logentry_change", args=[entry.pk])
    delete_url = reverse("admin:admin_logentry_delete", args=[entry.pk])
    assert staff_client.get(change_url).status_code == 200
    staff_client.post(change_url, {"change_message": "Nothing happened"})
    assert staff_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert staff_client.get(reverse("admin:admin_logentry_add")).status_code == 403
    entry.refresh_from_db()
    assert entry.change_message == "Asked for details"


def test_it_searches_the_applications_history(staff_client):
    ApplicationFactory(name="Riverbend Peer Network")
    ApplicationFactory(name="Lakeside Nurses")
    response = staff_client.get(HISTORY_LIST, {"q": "Riverbend"})
    assert [row.name for row in response.context["cl"].result_list] == ["Riverbend Peer Network"]


def test_nobody_edits_the_applications_history(staff_client):
    version = ApplicationFactory().history.get()
    url = reverse("admin:members_historicalpartnershipapplication_change", args=[version.pk])
    staff_client.post(url, {"name": "Rewritten"})
    assert PartnershipApplication.history.get(pk=version.pk).name == version.name
    assert staff_client.get(url).status_code == 200


def test_the_change_log_passes_the_accessibility_checks(page, check_page, sign_in, staff, entry):
    sign_in(page, staff)
    page.goto(LOG_LIST)
    check_page(page, "admin-logentry-list")
    page.goto(reverse("admin:admin_logentry_change", args=[entry.pk]))
    check_page(page, "admin-logentry-view")
