"""Every form, sent with problems, answers with the GOV.UK error summary: at the top, focused,
each link moving focus to its field, what was typed kept, nothing saved."""

from collections.abc import Callable

import pytest
from django.urls import reverse

from campaigns.models import Initiative, Practice
from members.models import Invitation, Organization, PartnershipApplication, User
from members.tests.factories import UserFactory
from pledges.models import Activity

TYPED = "Typed {{ x }} {% y %} 100%_ <b>bold</b>"

# (who, page, {field: what to type}, submit button, what must not change)
FORMS: list[tuple[str, str, dict[str, str], str, Callable[[], int]]] = [
    ("visitor", "account_signup", {"#id_email": "new.person@example.org"}, "Create my account",
     User.objects.count),
    ("visitor", "account_login", {"#id_login": "nobody@example.org"}, "Log in",
     User.objects.count),
    ("visitor", "account_reset_password", {"#id_email": "not-an-email"}, "Send me the link",
     User.objects.count),
    ("applicant", "members:apply", {"#id_name": TYPED}, "Send my application",
     PartnershipApplication.objects.count),
    ("admin", "members:org_profile_edit", {"#id_name": "", "#id_description": TYPED},
     "Save profile", lambda: Organization.objects.filter(description=TYPED).count()),
    ("admin", "members:org_team", {"#id_email": "not an email"}, "Send invitation",
     Invitation.objects.count),
    ("member", "members:account_delete", {}, "Delete my account", User.objects.count),
    ("member", "pledges:activity_new", {"#id_summary": TYPED, "#id_link": "not a link"},
     "Log activity", Activity.objects.count),
    ("member", "campaigns:initiative_new", {"#id_title": TYPED}, "Send the report",
     Initiative.objects.count),
    ("member", "campaigns:practice_new", {"#id_title": TYPED}, "Send to coalition staff",
     Practice.objects.count),
    ("member", "account_change_password", {"#id_oldpassword": "not-my-password"},
     "Change my password", User.objects.count),
    ("member", "account_email", {"#id_email": "not-an-email"}, "Add this address",
     User.objects.count),
    ("member", "members:account_name", {"#id_name": "", "#id_pronouns": "they/them"}, "Save",
     lambda: User.objects.filter(pronouns="they/them").count()),
]  # fmt: skip


@pytest.mark.parametrize(("who", "name", "fills", "submit", "count"), FORMS)
def test_it_summarizes_the_errors_of_every_form(
    page, check_page, sign_in, admin_a, member_a, who, name, fills, submit, count
):
    people = {"admin": admin_a, "member": member_a, "applicant": UserFactory()}
    if who in people:
        sign_in(page, people[who])
    page.goto(reverse(name))
    before = count()
    for selector, value in fills.items():
        page.locator(selector).fill(value)
    page.locator("main").get_by_role("button", name=submit, exact=True).click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    page.wait_for_function("document.activeElement.hasAttribute('data-error-summary')")
    check_page(page, f"errors-{name}")
    for selector, value in fills.items():
        if page.locator(selector).get_attribute("type") != "password":
            assert page.locator(selector).input_value() == value
    link = summary.get_by_role("link").first
    target = link.get_attribute("href")[1:]
    link.click()
    assert page.evaluate("document.activeElement.id") == target
    assert count() == before


def test_it_links_each_problem_to_its_field(client, member_a):
    client.force_login(member_a)
    response = client.post(reverse("pledges:activity_new"), {"link": "not a link"})
    body = response.content.decode()
    assert "data-error-summary" in body
    assert 'href="#id_summary"' in body
    assert body.index("data-error-summary") < body.index("<h1")


def test_it_shows_no_summary_on_a_fresh_form(client, member_a):
    client.force_login(member_a)
    response = client.get(reverse("pledges:activity_new"))
    assert "data-error-summary" not in response.content.decode()
