import re

from django.urls import reverse
from playwright.sync_api import expect

from members.models import Membership

PASSWORD = "calm-river-lantern-42"


def link_in(outbox, pattern: str) -> str:
    for message in reversed(outbox):
        found = re.search(pattern, message.body)
        if found:
            return found.group(0)
    raise AssertionError(f"No email with {pattern}")


def test_admin_edits_profile_invites_a_newcomer_and_manages_the_team(
    page, check_page, sign_in, admin_a, org_a, deliver_mail
):
    sign_in(page, admin_a)
    page.goto(reverse("home"))
    page.get_by_role("navigation", name="Main").get_by_role(
        "button", name="Our organization"
    ).click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Organization").click()
    check_page(page, "org-profile")
    page.get_by_role("link", name="Edit your profile").click()
    check_page(page, "org-profile-edit")
    page.get_by_label("People its membership network reaches").fill("-5")
    page.get_by_role("button", name="Save profile").click()
    page.get_by_text("Ensure this value is greater than or equal to 0.", exact=True).wait_for()
    check_page(page, "org-profile-edit-errors")
    page.get_by_label("People its membership network reaches").fill("1200")
    page.get_by_role("button", name="Save profile").click()
    page.get_by_text("Your organization's profile is saved.").wait_for()
    expect(page.locator("main")).to_contain_text("1200")

    page.get_by_role("link", name="Your team").click()
    page.get_by_label("Their email address").fill("new.colleague@example.org")
    page.get_by_role("button", name="Send invitation").click()
    page.get_by_text("Invitation sent to new.colleague@example.org.").wait_for()
    check_page(page, "org-team")
    invite_link = link_in(deliver_mail(), r"/invitations/\S+/")

    page.context.clear_cookies()
    page.goto(invite_link)
    check_page(page, "invitation-anonymous")
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Your name").fill("Noor Colleague")
    page.locator("#id_email").fill("new.colleague@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    page.get_by_role("heading", name="Check your email").wait_for()
    page.goto(link_in(deliver_mail(), r"https?://\S+/accounts/confirm-email/\S+/"))
    page.get_by_role("button", name="Yes, confirm it").click()
    page.get_by_role("button", name="Join Harbor Peer Network").wait_for()
    check_page(page, "invitation-signed-in")
    page.get_by_role("button", name="Join Harbor Peer Network").click()
    page.get_by_text("Welcome to Harbor Peer Network.").wait_for()
    check_page(page, "org-profile-member")
    newcomer = Membership.objects.get(user__email="new.colleague@example.org")

    page.context.clear_cookies()
    sign_in(page, admin_a)
    page.goto(reverse("members:org_team"))
    # The only admin is not offered a change that would leave the team without one.
    expect(page.locator(f"#person-{admin_a.membership.pk}")).to_contain_text("only admin")
    expect(page.get_by_label(f"Role for {admin_a}")).to_have_count(0)
    check_page(page, "org-team-last-admin")
    page.get_by_label(f"Role for {newcomer.user}").select_option("admin")
    page.locator(f"#person-{newcomer.pk}").get_by_role("button", name="Change role").click()
    page.get_by_text("is now an admin").wait_for()
    page.get_by_role("link", name=f"Remove {newcomer.user}").click()
    check_page(page, "team-remove")
    page.get_by_role("button", name=f"Yes, remove {newcomer.user}").click()
    page.get_by_text("is no longer part of Harbor Peer Network").wait_for()
    assert not Membership.objects.filter(pk=newcomer.pk).exists()
    assert Membership.objects.get(user=admin_a).role == "admin"
