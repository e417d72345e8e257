from django.urls import reverse
from playwright.sync_api import expect

from campaigns.models import UpdateShare

from .factories import CoalitionUpdateFactory


def test_a_member_copies_and_shares_an_update_and_the_month_is_met(
    page, check_page, sign_in, member_a
):
    CoalitionUpdateFactory(title="988 funding passed", body="Thank your senators this week.")
    sign_in(page, member_a)
    page.goto(reverse("dashboard"))
    page.get_by_text("Not yet", exact=True).first.wait_for()
    check_page(page, "updates-dashboard")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_text("Copy for our newsletter").click()
    text = page.get_by_label("Plain text, ready to paste")
    assert "Thank your senators this week." in text.input_value()
    page.get_by_role("button", name="Copy the text of 988 funding passed").click()
    expect(page.get_by_role("status").filter(has_text="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == text.input_value()
    check_page(page, "updates-copied")
    page.get_by_label("About how many people did it reach?").fill("250")
    page.get_by_role("button", name="We shared this").click()
    page.get_by_text("Thank you for passing it on").wait_for()
    page.locator("#pledge-heading + p .badge-met").wait_for()
    check_page(page, "updates-shared")
    assert UpdateShare.objects.get().reach == 250


def test_a_member_sees_a_bad_reach_beside_the_field(page, check_page, sign_in, member_a):
    update = CoalitionUpdateFactory(title="988 funding passed")
    sign_in(page, member_a)
    page.goto(reverse("dashboard"))
    page.get_by_label("About how many people did it reach?").fill("-3")
    page.get_by_role("button", name="We shared this").click()
    page.locator("#id_reach.is-invalid").wait_for()
    check_page(page, "updates-error")
    expect(page.get_by_role("heading", name=update.title)).to_be_visible()
    assert not UpdateShare.objects.exists()
