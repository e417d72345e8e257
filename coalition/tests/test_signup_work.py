"""Signing up with a known address does the same costly work as with a new one, so the time
the answer takes does not tell whether an address has an account."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.urls import reverse
from post_office.models import Email

from members.tests.factories import UserFactory

PASSWORD = "calm-river-lantern-42"


class CountingHasher(MD5PasswordHasher):
    algorithm = "counting_md5"
    encoded = 0

    def encode(self, password: str, salt: str) -> str:
        CountingHasher.encoded += 1
        return super().encode(password, salt)


@pytest.fixture
def hashes(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    CountingHasher.encoded = 0
    return CountingHasher


@pytest.mark.parametrize("email", ["taken@example.org", "fresh@example.org"])
def test_it_hashes_the_password_once_for_any_address(client, db, hashes, email):
    UserFactory(email="taken@example.org", password=None)
    client.post(
        reverse("account_signup"),
        {"name": "Dana", "email": email, "password1": PASSWORD, "password2": PASSWORD},
    )
    assert hashes.encoded == 1


@pytest.mark.parametrize("email", ["taken@example.org", "fresh@example.org"])
def test_it_queues_one_email_for_any_address(client, db, email):
    UserFactory(email="taken@example.org")
    client.post(
        reverse("account_signup"),
        {"name": "Dana", "email": email, "password1": PASSWORD, "password2": PASSWORD},
    )
    assert Email.objects.filter(to=[email]).count() == 1
