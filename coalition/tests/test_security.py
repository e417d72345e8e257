import os
import subprocess
import sys
from pathlib import Path

from allauth.mfa.models import Authenticator
from django.urls import reverse

from members.tests.factories import UserFactory

ENV_EXAMPLE = Path(__file__).resolve().parents[2] / ".env.example"


def production_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    for line in ENV_EXAMPLE.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, value = line.split("=", 1)
            env[key] = value
    env["DATABASE_URL"] = os.environ.get("DATABASE_URL", env["DATABASE_URL"])
    return env


def test_deploy_check_with_production_example_has_no_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ENV_EXAMPLE.parent,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_login_answers_the_same_for_known_and_unknown_email(client, db):
    UserFactory(email="known@example.org")
    known = client.post(reverse("account_login"), {"login": "known@example.org", "password": "x"})
    unknown = client.post(
        reverse("account_login"), {"login": "nobody@example.org", "password": "x"}
    )
    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors


def test_password_reset_answers_the_same_for_known_and_unknown_email(client, db):
    UserFactory(email="known@example.org")
    known = client.post(reverse("account_reset_password"), {"email": "known@example.org"})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url


def test_admin_login_goes_through_allauth(client, db):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))


def test_admin_is_not_reachable_by_non_staff(client, db):
    client.force_login(UserFactory())
    assert client.get(reverse("admin:index"), follow=True).status_code == 403


def test_staff_without_totp_are_sent_to_set_it_up(client, staff, settings):
    settings.STAFF_REQUIRE_MFA = True
    client.force_login(staff)
    response = client.get(reverse("admin:index"))
    assert response.url == reverse("mfa_activate_totp")


def test_staff_with_totp_open_the_admin(client, staff, settings):
    settings.STAFF_REQUIRE_MFA = True
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={})
    client.force_login(staff)
    assert client.get(reverse("admin:index")).status_code == 200


def test_signed_in_pages_are_not_stored(client, db):
    client.force_login(UserFactory())
    response = client.get(reverse("home"))
    assert "no-store" in response.headers["Cache-Control"]
    assert "private" in response.headers["Cache-Control"]
