import csv
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from members.models import Membership, OrganizationExport

from .factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:members_organization_changelist")


def test_staff_filter_organizations_by_status_state_and_type(client, staff, org_a, org_b):
    OrganizationFactory(name="Quiet Partner", status="paused", type="union")
    client.force_login(staff)
    names = lambda r: [o.name for o in r.context["cl"].result_list]  # noqa: E731
    assert names(client.get(CHANGELIST, {"status__exact": "paused"})) == ["Quiet Partner"]
    assert names(client.get(CHANGELIST, {"state__exact": "AZ"})) == ["Desert Recovery Alliance"]
    assert names(client.get(CHANGELIST, {"type__exact": "union"})) == ["Quiet Partner"]


def test_change_page_shows_memberships_inline(client, staff, admin_a, org_a):
    client.force_login(staff)
    response = client.get(reverse("admin:members_organization_change", args=[org_a.pk]))
    assert response.status_code == 200
    assert admin_a.name in response.content.decode()


def test_csv_export_is_recorded(client, staff, admin_a, org_a, org_b):
    org_b.name = "=HYPERLINK(evil)"
    org_b.save()
    client.force_login(staff)
    data = {"action": "export_csv", ACTION_CHECKBOX_NAME: [org_a.pk, org_b.pk]}
    response = client.post(CHANGELIST, data)
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "name" and len(rows) == 3
    assert [r[0] for r in rows if "HYPERLINK" in r[0]] == ["'=HYPERLINK(evil)"]
    assert "admin.a@example.org" in rows[2][-1] or "admin.a@example.org" in rows[1][-1]
    export = OrganizationExport.objects.get()
    assert (export.exported_by, export.row_count) == (staff, 2)


def test_there_is_no_bulk_delete(client, staff, org_a):
    client.force_login(staff)
    choices = client.get(CHANGELIST).context["action_form"].fields["action"].choices
    assert "delete_selected" not in [name for name, _label in choices]


def test_delete_asks_for_confirmation_first(client, staff, org_a):
    client.force_login(staff)
    response = client.get(reverse("admin:members_organization_delete", args=[org_a.pk]))
    assert "Are you sure" in response.content.decode()


def test_inline_keeps_at_least_one_admin(client, staff, admin_a, org_a):
    client.force_login(staff)
    url = reverse("admin:members_organization_change", args=[org_a.pk])
    membership = admin_a.membership
    data = {
        "name": org_a.name,
        "slug": org_a.slug,
        "type": org_a.type,
        "state": org_a.state,
        "network_size": 1,
        "status": "active",
        "joined_on": "2026-01-01",
        "memberships-TOTAL_FORMS": 1,
        "memberships-INITIAL_FORMS": 1,
        "memberships-0-id": membership.pk,
        "memberships-0-organization": org_a.pk,
        "memberships-0-user": admin_a.pk,
        "memberships-0-role": "member",
    }
    response = client.post(url, data)
    assert "at least one admin" in response.content.decode()
    assert Membership.objects.get(pk=membership.pk).role == "admin"


@pytest.mark.parametrize("rows", [3, 30])
def test_changelist_query_count_does_not_grow(client, staff, django_assert_num_queries, rows):
    for org in OrganizationFactory.create_batch(rows):
        MembershipFactory(organization=org, role="admin")
    client.force_login(staff)
    with django_assert_num_queries(7):
        client.get(CHANGELIST)
