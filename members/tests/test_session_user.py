"""The session's user is read with membership and organization by one precompiled query."""

import pytest
from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS
from django.urls import reverse

from members.backends import session_user_query, user_with_membership
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
    assert session_user_query(DEFAULT_DB_ALIAS) is session_user_query(DEFAULT_DB_ALIAS)
    assert session_user_query(DEFAULT_DB_ALIAS).sql.count("%s") == 1


def test_a_changed_role_shows_on_the_next_request(client, admin_a):
    client.force_login(admin_a)
    assert b"Edit your profile" in client.get(reverse("members:org_profile")).content
    admin_a.membership.role = "member"
    admin_a.membership.save()
    assert b"Edit your profile" not in client.get(reverse("members:org_profile")).content
