"""Staff cannot delete the last admin of a partner organization in the admin."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from members.models import User

from .factories import MembershipFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:members_user_changelist")


def delete_one(client, user):
    return client.post(reverse("admin:members_user_delete", args=[user.pk]), {"post": "yes"})


def delete_many(client, users):
    picked = [u.pk for u in users]
    data = {"action": "delete_selected", ACTION_CHECKBOX_NAME: picked, "post": "yes"}
    return client.post(CHANGELIST, data)


def test_it_refuses_to_delete_the_last_admin_of_an_organization(client, staff, admin_a, org_a):
    client.force_login(staff)
    response = delete_one(client, admin_a)
    assert f"{org_a.name} would be left without an admin" in response.content.decode()
    assert User.objects.filter(pk=admin_a.pk).exists()


def test_it_refuses_to_delete_every_admin_at_once(client, staff, admin_a, org_a):
    second = MembershipFactory(organization=org_a, role="admin").user
    client.force_login(staff)
    response = delete_many(client, [admin_a, second])
    assert f"{org_a.name} would be left without an admin" in response.content.decode()
    assert User.objects.filter(pk__in=[admin_a.pk, second.pk]).count() == 2


def test_it_deletes_an_admin_who_is_not_the_last(client, staff, admin_a, org_a):
    MembershipFactory(organization=org_a, role="admin")
    client.force_login(staff)
    assert delete_many(client, [admin_a]).status_code == 302
    assert not User.objects.filter(pk=admin_a.pk).exists()


def test_it_deletes_the_last_admin_of_a_withdrawn_organization(client, staff, admin_a, org_a):
    org_a.status = "withdrawn"
    org_a.save()
    client.force_login(staff)
    assert delete_one(client, admin_a).status_code == 302
    assert not User.objects.filter(pk=admin_a.pk).exists()
