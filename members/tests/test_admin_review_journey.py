from django.urls import reverse
from playwright.sync_api import expect

from members.models import Membership, PartnershipApplication

from .factories import ApplicationFactory


def test_staff_filter_search_approve_one_and_decline_two_in_bulk(
    page, check_page, sign_in, staff, deliver_mail
):
    approve_me = ApplicationFactory(name="Riverside Peer Center", state="OR")
    ApplicationFactory(name="Hilltop Clinic", state="TX")
    ApplicationFactory(name="Coastal Union", state="TX")
    ApplicationFactory(name="Old Declined", state="TX", status="declined")
    sign_in(page, staff)
    page.goto(reverse("admin:index"))
    page.get_by_role("link", name="Partnership applications", exact=True).click()
    page.get_by_role("link", name="Submitted", exact=True).click()
    page.get_by_label("Show state").select_option(label="Texas")
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    check_page(page, "admin-applications-filtered")

    page.goto(reverse("admin:members_partnershipapplication_changelist"))
    page.locator("#searchbar").fill("riverside")
    page.locator("#searchbar").press("Enter")
    page.get_by_role("link", name="Riverside Peer Center").click()
    page.get_by_role("link", name="Approve", exact=True).click()
    check_page(page, "admin-approve")
    page.get_by_role("button", name="Approve").click()
    page.get_by_text("Approve: done for Riverside Peer Center").wait_for()
    assert Membership.objects.get(user=approve_me.applicant).role == "admin"

    page.goto(
        reverse("admin:members_partnershipapplication_changelist") + "?status__exact=submitted"
    )
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option("decline_selected")
    page.get_by_role("button", name="Go").click()
    check_page(page, "admin-bulk-decline")
    page.get_by_label("Reason given to the applicant").fill(
        "We are not adding partners in Texas yet."
    )
    page.get_by_role("button", name="Decline").click()
    page.get_by_text("Decline: done for 2 application(s).").wait_for()
    assert PartnershipApplication.objects.filter(status="declined").count() == 3
    declined = [m for m in deliver_mail() if "not adding partners in Texas" in m.body]
    assert len(declined) == 2
