import re

from django.urls import reverse

from members.models import User

PASSWORD = "calm-river-lantern-42"


def confirmation_link(message) -> str:
    return re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)


def test_visitor_signs_up_verifies_logs_in_and_out(page, check_page, mailoutbox):
    page.goto(reverse("account_signup"))
    check_page(page, "signup")
    page.get_by_label("Your name").fill("Dana Okafor")
    page.locator("#id_email").fill("new.partner@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill("not-the-same-password")
    page.get_by_role("button", name="Create my account").click()
    page.locator(".invalid-feedback").first.wait_for()  # waits for the answer to come back
    check_page(page, "signup-error")

    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    page.get_by_role("heading", name="Check your email").wait_for()
    check_page(page, "verification-sent")

    assert len(mailoutbox) == 1
    page.goto(confirmation_link(mailoutbox[0]))
    check_page(page, "confirm-email")
    page.get_by_role("button", name="Yes, confirm it").click()

    # Confirmed in the browser that signed up: signed in straight away, greeted by name.
    page.get_by_role("navigation", name="Main").get_by_role("button", name="Dana").click()
    check_page(page, "signed-in")

    page.get_by_role("button", name="Log out").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in").wait_for()
    person = User.objects.get(email="new.partner@example.org")
    assert person.emailaddress_set.get().verified
    assert person.name == "Dana Okafor"


def test_login_page_passes_accessibility_checks(page, check_page):
    page.goto(reverse("account_login"))
    check_page(page)


def test_password_reset_page_passes_accessibility_checks(page, check_page):
    page.goto(reverse("account_reset_password"))
    check_page(page)
