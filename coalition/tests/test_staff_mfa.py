"""Staff set up an authenticator app before any staff page or export opens (STAFF_REQUIRE_MFA)."""

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings as django_settings
from django.urls import reverse

from members.tests.factories import UserFactory

STAFF_PAGES = [
    "admin:index",
    "pledges:staff",
    "pledges:staff_export",
    "campaigns:initiative_export",
]


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_it_sends_staff_without_totp_to_set_it_up(client, staff, settings, name):
    settings.STAFF_REQUIRE_MFA = True
    client.force_login(staff)
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_it_opens_staff_pages_once_totp_is_set_up(client, staff, settings, name):
    settings.STAFF_REQUIRE_MFA = True
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={})
    client.force_login(staff)
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", STAFF_PAGES[1:])
def test_it_still_refuses_members_with_403(client, db, settings, name):
    settings.STAFF_REQUIRE_MFA = True
    client.force_login(UserFactory())
    assert client.get(reverse(name)).status_code == 403


def test_it_offers_recovery_codes_with_the_authenticator_app():
    assert "recovery_codes" in django_settings.MFA_SUPPORTED_TYPES
    assert "totp" in django_settings.MFA_SUPPORTED_TYPES
