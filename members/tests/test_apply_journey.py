from django.urls import reverse
from playwright.sync_api import expect

from members import services
from members.models import PartnershipApplication


def test_verified_user_applies_fixes_errors_and_answers_a_question(
    page, check_page, sign_in, applicant, staff, deliver_mail
):
    sign_in(page, applicant)
    page.goto(reverse("home"))
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Apply").click()
    check_page(page, "apply-empty")
    page.get_by_label("Organization name").fill("Lakeside Recovery Network")
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_text("Please choose your state.", exact=True)).to_be_visible()
    expect(page.get_by_text("Please agree to this pledge.").first).to_be_visible()
    assert not PartnershipApplication.objects.exists()
    check_page(page, "apply-errors")

    page.get_by_label("Type of organization").select_option("peer_run")
    page.get_by_label("What your organization does").fill("Peer support groups.")
    page.get_by_label("People your membership network reaches").fill("400")
    page.locator("#id_state").select_option("WI")
    page.get_by_label("Recovery").check()
    page.get_by_label("Why you would like to partner").fill("To be heard in state policy.")
    for pledge in ("Build capacity", "Engage", "Advocate", "Advise"):
        page.get_by_label(pledge).check()
    page.get_by_role("button", name="Send my application").click()
    page.get_by_role("heading", name="Your application").wait_for()
    expect(page.get_by_text("Submitted")).to_be_visible()
    check_page(page, "apply-status")
    subjects = [m.subject for m in deliver_mail()]
    assert any("We received" in s for s in subjects) and any(
        "New application" in s for s in subjects
    )

    application = PartnershipApplication.objects.get()
    services.application_request_info(application=application, reviewer=staff, reason="Board?")
    page.reload()
    page.get_by_role("link", name="Update my application").click()
    check_page(page, "apply-needs-info")
    page.get_by_label("What your organization does").fill("Peer support; a board of five.")
    page.get_by_role("button", name="Send my updated application").click()
    page.get_by_text("We have your updated application").wait_for()
    page.get_by_role("button", name="Withdraw my application").click()
    page.get_by_text("Your application has been withdrawn.").wait_for()
    check_page(page, "apply-withdrawn")
    application.refresh_from_db()
    assert (application.status, application.description) == (
        "withdrawn",
        "Peer support; a board of five.",
    )
