"""The session and its person (with membership and organization) come from one query."""

import pytest
from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS
from django.test import Client
from django.urls import reverse

from members.backends import (
    compiled_session_query,
    compiled_user_query,
    remember_session_user,
    user_with_membership,
)
from members.models import Session
from members.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def concrete_values(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_it_reads_what_the_orm_reads(admin_a, django_assert_num_queries):
    expected = (
        get_user_model().objects.select_related("membership__organization").get(pk=admin_a.pk)
    )
    with django_assert_num_queries(1):
        user = user_with_membership(admin_a.pk)
        organization = user.membership.organization
        assert user.membership.user is user
    assert concrete_values(user) == concrete_values(expected)
    assert concrete_values(user.membership) == concrete_values(expected.membership)
    assert concrete_values(organization) == concrete_values(expected.membership.organization)
    assert (user._state.adding, user._state.db) == (False, DEFAULT_DB_ALIAS)


def test_a_person_without_an_organization_has_no_membership(django_assert_num_queries):
    person = UserFactory()
    with django_assert_num_queries(1):
        user = user_with_membership(person.pk)
        assert not hasattr(user, "membership")
    assert user.email == person.email


def test_an_unknown_id_finds_nobody():
    assert user_with_membership(10**9) is None


def test_it_builds_the_sql_once():
    assert compiled_user_query(DEFAULT_DB_ALIAS) is compiled_user_query(DEFAULT_DB_ALIAS)
    assert compiled_session_query(DEFAULT_DB_ALIAS).sql.count("%s") == 1


def test_a_signed_in_request_reads_session_and_person_in_one_query(
    client, member_a, django_assert_num_queries
):
    client.force_login(member_a)
    session = Session.objects.get()
    assert session.user == member_a  # the column the one query joins on
    with django_assert_num_queries(1):
        assert client.get(reverse("about")).wsgi_request.user == member_a
    # The membership and organization came with it: the profile's one query of its own
    # (the focus areas) is all that is added, with the request's savepoint pair.
    with django_assert_num_queries(4):
        assert client.get(reverse("members:org_profile")).status_code == 200


def test_the_person_handed_over_is_only_used_for_that_person(member_a, member_b):
    remember_session_user(member_b)
    assert user_with_membership(member_a.pk).pk == member_a.pk
    remember_session_user(member_b)
    assert user_with_membership(member_b.pk) is member_b
    assert user_with_membership(member_b.pk) is not member_b  # used once, then read again


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
    assert clear_expired_sessions() == 1
    assert clear_expired_sessions() == 0
    assert list(Session.objects.values_list("user", flat=True)) == [member_a.pk]


def test_it_reads_what_djangos_database_sessions_wrote():
    """Live sessions are carried over by a migration: the signing salt must match."""
    from django.contrib.sessions.backends.db import SessionStore as DjangoStore

    from members.sessions import SessionStore

    data = DjangoStore().encode({"_auth_user_id": "7"})
    assert SessionStore().decode(data) == {"_auth_user_id": "7"}
