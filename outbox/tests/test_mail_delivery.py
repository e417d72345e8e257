import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.worker


def test_verification_email_reaches_smtp_through_worker_on_redis(
    smtp_settings, celery_worker_process
):
    Client().post(
        reverse("account_signup"),
        {
            "name": "Dana",
            "email": "relay@example.org",
            "password1": "calm-river-42x",
            "password2": "calm-river-42x",
        },
    )
    messages = smtp_settings.wait_for(1)
    assert [m["to"] for m in messages] == [["relay@example.org"]]
    assert "/accounts/confirm-email/" in messages[0]["data"]
