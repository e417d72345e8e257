import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.worker


@pytest.fixture
def smtp_settings(settings, smtp_sink):
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"},
    }
    settings.WORKER_TEST_ENV = {
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_sink.port),
    }
    return smtp_sink


def test_verification_email_reaches_smtp_through_worker_on_redis(
    smtp_settings, celery_worker_process
):
    Client().post(
        reverse("account_signup"),
        {
            "email": "relay@example.org",
            "password1": "calm-river-42x",
            "password2": "calm-river-42x",
        },
    )
    messages = smtp_settings.wait_for(1)
    assert [m["to"] for m in messages] == [["relay@example.org"]]
    assert "/accounts/confirm-email/" in messages[0]["data"]
