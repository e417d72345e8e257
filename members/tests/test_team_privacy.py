"""Nothing of a person is kept in the cache when their team page is shown."""

import base64

import pytest
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.django_db


def cached_bytes() -> bytes:
    """Every value in the database cache table, as the cache stores it (pickled, base64)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM coalition_cache")
        return b"".join(base64.b64decode(row[0]) for row in cursor.fetchall())


def test_it_keeps_no_person_or_password_hash_in_the_cache(client, admin_a, member_a):
    client.force_login(admin_a)
    assert member_a.email in client.get(reverse("members:org_team")).text
    kept = cached_bytes()
    assert b"model_unpickle" not in kept  # how every pickled model instance is rebuilt
    assert member_a.password.encode() not in kept and admin_a.password.encode() not in kept


def test_it_keeps_nothing_of_a_deleted_person(client, admin_a, member_a):
    client.force_login(admin_a)
    client.get(reverse("members:org_team"))
    email, password = member_a.email, member_a.password
    member_a.delete()
    kept = cached_bytes()
    assert email.encode() not in kept and password.encode() not in kept
