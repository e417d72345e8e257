"""In the browser: a partner admin asks for an excused month, staff approve it."""

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from pledges.models import PledgePause


def test_an_admin_asks_for_an_excused_month_and_staff_approve_it(
    page, check_page, sign_in, admin_a, staff, org_a
):
    sign_in(page, admin_a)
    page.goto(reverse("dashboard"))
    page.get_by_role("link", name="Ask for an excused month").click()
    check_page(page, "pause-request")
    page.get_by_label("What is happening").select_option("staff_leave")
    page.get_by_label("Anything you would like us to know").fill(
        "Our only staffer is on leave <b>."
    )
    page.get_by_role("button", name="Send the request").click()
    page.get_by_text("Your request is with the coalition staff").wait_for()
    expect(page.get_by_text("Waiting for the staff")).to_be_visible()
    check_page(page, "pause-request-sent")

    sign_in(page, staff)
    page.goto(reverse("admin:pledges_pauserequest_changelist"))
    page.get_by_role("link", name=org_a.name).click()
    check_page(page, "admin-pause-request-decide")
    page.get_by_label("Decision").select_option("approve")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("was changed successfully").wait_for()
    assert PledgePause.objects.filter(organization=org_a).exists()

    sign_in(page, admin_a)
    page.goto(reverse("dashboard"))
    expect(page.get_by_text("Excused", exact=True).first).to_be_visible()
    assert timezone.localdate().replace(day=1) in org_a.pauses.values_list("month", flat=True)
