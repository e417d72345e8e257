"""allauth's account pages share the site's layout and pass the same checks."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "name",
    [
        "account_email",
        "account_change_password",
        "mfa_index",
        "mfa_activate_totp",
        "account_logout",
    ],
)
def test_account_pages_pass_accessibility_checks(page, check_page, sign_in, member_a, name):
    sign_in(page, member_a)
    page.goto(reverse(name))
    page.get_by_role("heading", level=1).wait_for()
    check_page(page, f"account-{name}")
