from django.urls import reverse
from playwright.sync_api import expect

from campaigns.models import Practice
from pledges.models import Activity

from .factories import PracticeFactory, TopicFactory


def fill_practice(page) -> None:
    page.get_by_label("The problem it answers").fill("People waited days to talk to anyone.")
    page.get_by_label("What you did").fill("Peers answer an evening warmline.")
    page.get_by_label("Where it was done").select_option("county")
    page.get_by_label("State").select_option("OH")
    page.get_by_label("City or county").fill("Cuyahoga County")
    page.get_by_label("People it serves").fill("Adults with serious mental illness")
    page.get_by_label("Results so far").fill("Fewer emergency-room visits.")


def test_a_member_saves_a_draft_then_sends_it(page, check_page, sign_in, member_a, org_a):
    TopicFactory()
    sign_in(page, member_a)
    page.goto(reverse("home"))
    page.get_by_role("navigation", name="Main").get_by_role("button", name="Coalition").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Practices").click()
    check_page(page, "practices-list-empty")
    page.get_by_role("link", name="Share a practice").click()
    check_page(page, "practices-new")
    page.get_by_label("Title").fill("Peer-run evening warmline")
    page.get_by_role("button", name="Save as a draft").click()
    page.get_by_text("Your draft is saved").wait_for()
    check_page(page, "practices-draft")
    fill_practice(page)
    page.get_by_label("Crisis services and 988").check()
    page.get_by_role("button", name="Send to coalition staff").click()
    page.get_by_text("Thank you for sharing this").wait_for()
    check_page(page, "practices-sent")
    assert Practice.objects.get().status == "submitted"
    page.goto(reverse("campaigns:practice_mine"))
    page.get_by_text("Waiting for staff review").wait_for()
    check_page(page, "practices-mine")


def test_a_member_sees_bad_input_beside_the_field(page, check_page, sign_in, member_a):
    sign_in(page, member_a)
    page.goto(reverse("campaigns:practice_new"))
    page.get_by_label("Title").fill("Peer-run evening warmline")
    fill_practice(page)
    page.get_by_label("City or county").fill("")
    page.get_by_label("Links (optional)").fill("not a web address")
    page.get_by_role("button", name="Send to coalition staff").click()
    page.locator("#id_jurisdiction.is-invalid").wait_for()
    expect(page.locator("#id_links.is-invalid")).to_be_visible()
    check_page(page, "practices-errors")
    assert not Practice.objects.exists()


def test_staff_accept_and_partners_find_and_try_it(
    page, check_page, sign_in, staff, member_b, org_a
):
    practice = PracticeFactory(
        organization=org_a, status="submitted", decided_at=None, title="Evening warmline"
    )
    PracticeFactory(title="School counselors act", state="MA", level="state")
    sign_in(page, staff)
    page.goto(reverse("admin:campaigns_practice_change", args=[practice.pk]))
    page.get_by_role("link", name="Accept", exact=True).click()
    page.get_by_role("button", name="Accept and share with partners").click()
    page.get_by_text("done for 1 practice").wait_for()
    assert Activity.objects.get().organization == org_a

    page.context.clear_cookies()
    sign_in(page, member_b)
    page.goto(reverse("campaigns:practice_list"))
    page.get_by_label("State").select_option("OH")
    page.get_by_label("Search").fill("warmline")
    page.get_by_role("button", name="Show practices").click()
    page.get_by_text("1 practice", exact=True).wait_for()
    check_page(page, "practices-filtered")
    page.get_by_role("link", name="Evening warmline").click()
    check_page(page, "practices-detail")
    page.get_by_label("How did it go?").fill("We started one in May.")
    page.get_by_role("button", name="We tried this").click()
    page.get_by_text("Thank you for telling us").wait_for()
    check_page(page, "practices-tried")
    assert practice.tried.get().organization == member_b.membership.organization
