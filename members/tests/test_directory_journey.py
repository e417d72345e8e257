from django.urls import reverse
from playwright.sync_api import expect

from members.models import FocusArea

from .factories import OrganizationFactory


def test_visitor_browses_filters_and_uses_the_map(page, check_page, org_a, org_b):
    org_b.focus_areas.set(FocusArea.objects.filter(slug="housing"))
    OrganizationFactory(name="Hidden Partner", state="MA", listed_in_directory=False)
    OrganizationFactory.create_batch(25, state="NY")
    page.goto(reverse("home"))
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Directory").click()
    check_page(page, "directory")
    expect(page.get_by_text("27 partners found.")).to_be_visible()
    assert page.get_by_text("Hidden Partner").count() == 0

    page.get_by_role("link", name="Massachusetts: 1 partner").click()
    expect(page.get_by_role("heading", name="Harbor Peer Network")).to_be_visible()
    expect(page.get_by_text("1 partner found.")).to_be_visible()

    page.goto(reverse("members:directory"))
    page.get_by_label("Focus area").select_option("housing")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Desert Recovery Alliance")).to_be_visible()
    check_page(page, "directory-filtered")

    page.goto(reverse("members:directory"))
    page.get_by_role("link", name="Next").click()
    expect(page.get_by_text("Page 2 of 2")).to_be_visible()
    page.get_by_text("Partners by state as a table").click()
    row = page.get_by_role("row", name="New York 25")
    expect(row).to_be_visible()
