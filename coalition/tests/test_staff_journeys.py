"""Staff journeys through the admin, with data on every page: each page visited passes axe
and fits a 1280 px laptop screen without sideways scrolling."""

from pathlib import Path

from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from campaigns.models import Initiative
from campaigns.tests.factories import AgendaItemFactory, ReportFactory, StrategyCallFactory
from members.models import PartnershipApplication
from members.tests.factories import ApplicationFactory
from pledges.models import Activity

LAPTOP = {"width": 1280, "height": 800}


def fits_a_laptop(page) -> None:
    page.set_viewport_size(LAPTOP)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at 1280 px"


def visit(page, check_page, name: str) -> None:
    fits_a_laptop(page)
    shots = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"{name}-laptop.png"), full_page=True)
    check_page(page, name)


def test_staff_follow_the_to_do_page_to_approve_an_application(page, check_page, sign_in, staff):
    ApplicationFactory(name="Hilltop Clinic", state="TX")
    ApplicationFactory(name="Riverside Peer Center", state="OR")
    sign_in(page, staff)
    page.goto(reverse("admin:index"))
    visit(page, check_page, "admin-todo")
    page.get_by_role("link", name="Review applications").click()
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    visit(page, check_page, "admin-applications-queue")
    page.get_by_role("link", name="Riverside Peer Center").click()
    visit(page, check_page, "admin-application")
    page.get_by_role("link", name="Approve", exact=True).click()
    visit(page, check_page, "admin-application-approve")
    page.get_by_role("button", name="Approve").click()
    page.get_by_text("Approve: done for Riverside Peer Center").wait_for()
    page.get_by_role("link", name="Open Riverside Peer Center").click()
    expect(page.locator("#id_name")).to_have_value("Riverside Peer Center")
    visit(page, check_page, "admin-new-organization")
    assert PartnershipApplication.objects.get(name="Riverside Peer Center").status == "approved"


def test_staff_filter_applications_by_state_from_a_drop_down(page, check_page, sign_in, staff):
    ApplicationFactory(name="Hilltop Clinic", state="TX")
    ApplicationFactory(name="Riverside Peer Center", state="OR")
    sign_in(page, staff)
    page.goto(reverse("admin:members_partnershipapplication_changelist"))
    page.get_by_label("Show state").select_option(label="Texas")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    visit(page, check_page, "admin-applications-texas")


def test_staff_verify_a_report_from_its_page(page, check_page, sign_in, staff, org_a):
    initiative = ReportFactory(
        organization=org_a, initiative__review_state="reported", initiative__title="Peer act"
    ).initiative
    sign_in(page, staff)
    page.goto(reverse("admin:campaigns_initiative_changelist"))
    visit(page, check_page, "admin-initiatives-queue")
    page.get_by_role("link", name="Peer act").click()
    visit(page, check_page, "admin-initiative")
    page.get_by_role("link", name="Verify", exact=True).click()
    visit(page, check_page, "admin-initiative-verify")
    page.get_by_role("button", name="Verify").click()
    page.get_by_text("1 reporting organization(s) credited").wait_for()
    initiative.refresh_from_db()
    assert initiative.review_state == Initiative.ReviewState.VERIFIED
    assert Activity.objects.get().organization == org_a


def test_staff_reorder_an_agenda_by_keyboard(page, check_page, sign_in, staff, member_a):
    call = StrategyCallFactory(title="March call")
    for position, topic in enumerate(["Welcome", "Crisis lines", "Peer respite"], start=1):
        AgendaItemFactory(call=call, position=position, topic=topic)
    sign_in(page, staff)
    page.goto(reverse("admin:campaigns_strategycall_change", args=[call.pk]))
    visit(page, check_page, "admin-call")
    page.get_by_role("button", name="Move Peer respite up").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("Peer respite moved to place 1 of 3.")
    page.get_by_role("button", name="Save and continue editing").click()
    page.get_by_text("was changed successfully").wait_for()
    sign_in(page, member_a)
    page.goto(reverse("campaigns:call_detail", args=[call.pk]))
    topics = page.locator(".agenda-item h3").all_inner_texts()
    assert topics == ["Peer respite", "Welcome", "Crisis lines"]


def test_staff_publish_a_call_from_its_page(
    page, check_page, sign_in, staff, admin_a, member_a, deliver_mail
):
    call = StrategyCallFactory(title="April call", draft=True)
    AgendaItemFactory(call=call, topic="Welcome")
    sign_in(page, staff)
    page.goto(reverse("admin:campaigns_strategycall_change", args=[call.pk]))
    page.get_by_role("link", name="Publish", exact=True).click()
    expect(page.get_by_text("Who will be emailed: 2 people")).to_be_visible()
    visit(page, check_page, "admin-call-publish")
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Published “April call”").wait_for()
    visit(page, check_page, "admin-call-published")
    sent = [m for m in deliver_mail() if "April call" in m.subject]
    assert sorted(m.to[0] for m in sent) == [admin_a.email, member_a.email]


def test_staff_health_fits_a_laptop_with_a_year_of_data(page, check_page, sign_in, staff):
    from members.tests.factories import OrganizationFactory
    from pledges.tests.factories import ActivityFactory, day

    for name in ["Harbor Peer Network of the Greater Boston Area", "Desert Recovery Alliance"]:
        org = OrganizationFactory(name=name, joined_on=day("2025-01-01"))
        ActivityFactory(organization=org)
    sign_in(page, staff)
    page.goto(reverse("pledges:staff"))
    visit(page, check_page, "staff-health-laptop")
