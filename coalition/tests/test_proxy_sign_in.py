"""Behind a proxy, allauth's rate limits count each client, not the proxy's one address."""

from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

PROXY = "10.0.0.5"
LOCKED = "Too many failed login attempts"


def fail_logins(times: int, **headers: str) -> str:
    """Wrong passwords from one client through the proxy; the last answer's text."""
    client = Client(REMOTE_ADDR=PROXY, **headers)
    for attempt in range(times):
        response = client.post(
            reverse("account_login"),
            {"login": f"nobody{attempt}@example.org", "password": "not-the-password"},
        )
    return response.content.decode()


def test_it_trusts_no_proxy_unless_told():
    assert django_settings.ALLAUTH_TRUSTED_PROXY_COUNT == 0
    assert django_settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER is None


def test_it_locks_out_the_client_that_keeps_failing(db, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert LOCKED in fail_logins(11, HTTP_X_FORWARDED_FOR="203.0.113.7")


def test_it_lets_another_client_behind_the_same_proxy_sign_in(db, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    fail_logins(11, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert LOCKED not in fail_logins(1, HTTP_X_FORWARDED_FOR="198.51.100.23")


def test_it_counts_everyone_behind_the_proxy_together_without_the_setting(db):
    fail_logins(11, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert LOCKED in fail_logins(1, HTTP_X_FORWARDED_FOR="198.51.100.23")


def test_it_reads_the_client_from_a_header_the_proxy_sets(db, settings):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    fail_logins(11, HTTP_X_REAL_IP="203.0.113.7")
    assert LOCKED not in fail_logins(1, HTTP_X_REAL_IP="198.51.100.23")
