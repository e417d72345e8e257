"""Database sessions that name their person; the person comes with membership and organization."""

import pytest
from django.test import Client
from django.urls import reverse

from members.backends import ModelBackend
from members.models import Session
from members.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_reads_the_membership_and_organization_with_the_person(
    admin_a, django_assert_num_queries
):
    with django_assert_num_queries(1):
        user = ModelBackend().get_user(admin_a.pk)
        assert user.membership.organization == admin_a.membership.organization


def test_a_person_without_an_organization_has_no_membership():
    person = UserFactory()
    user = ModelBackend().get_user(person.pk)
    assert user == person
    assert not hasattr(user, "membership")


def test_an_unknown_id_finds_nobody():
    assert ModelBackend().get_user(10**9) is None


def test_a_signed_in_request_reads_the_session_then_the_person(
    client, member_a, django_assert_num_queries
):
    client.force_login(member_a)
    assert Session.objects.get().user == member_a  # the column "sign out everywhere" uses
    # The session, its person, and the request's savepoint pair (its transaction, inside the
    # test's).
    with django_assert_num_queries(4):
        assert client.get(reverse("about")).wsgi_request.user == member_a
    # The membership and organization came with the person: the profile's own queries (the
    # focus areas, the organizations it referred) are all that is added.
    with django_assert_num_queries(6):
        assert client.get(reverse("members:org_profile")).status_code == 200


def test_a_changed_role_shows_on_the_next_request(client, admin_a):
    client.force_login(admin_a)
    assert b"Edit your profile" in client.get(reverse("members:org_profile")).content
    admin_a.membership.role = "member"
    admin_a.membership.save()
    assert b"Edit your profile" not in client.get(reverse("members:org_profile")).content


def test_signing_out_ends_the_session_and_another_device_stays(member_a):
    phone, laptop = Client(), Client()
    phone.force_login(member_a)
    laptop.force_login(member_a)
    assert member_a.sessions.count() == 2
    phone.post(reverse("account_logout"))
    assert member_a.sessions.count() == 1
    assert laptop.get(reverse("dashboard")).status_code == 200
    assert phone.get(reverse("dashboard")).url.startswith(reverse("account_login"))


def test_a_deleted_session_signs_out(client, member_a):
    client.force_login(member_a)
    member_a.sessions.all().delete()
    assert client.get(reverse("dashboard")).url.startswith(reverse("account_login"))


def test_a_session_with_a_bad_or_expired_key_is_nobody(client, member_a):
    client.force_login(member_a)
    Session.objects.update(expire_date="2000-01-01T00:00Z")
    assert client.get(reverse("dashboard")).url.startswith(reverse("account_login"))
    client.cookies["sessionid"] = "x"
    assert client.get(reverse("dashboard")).url.startswith(reverse("account_login"))


def test_beat_removes_expired_sessions_only(client, member_a, member_b):
    from members.tasks import clear_expired_sessions

    client.force_login(member_a)
    Client().force_login(member_b)
    Session.objects.filter(user=member_b).update(expire_date="2000-01-01T00:00Z")
    clear_expired_sessions()
    clear_expired_sessions()
    assert list(Session.objects.values_list("user", flat=True)) == [member_a.pk]


def test_it_reads_what_djangos_database_sessions_wrote():
    """Live sessions are carried over by a migration: the signing salt must match."""
    from django.contrib.sessions.backends.db import SessionStore as DjangoStore

    from members.sessions import SessionStore

    data = DjangoStore().encode({"_auth_user_id": "7"})
    assert SessionStore().decode(data) == {"_auth_user_id": "7"}
