"""The portal in Spanish, in a real browser: the language switch by keyboard, and every menu
page fitting and passing axe with lang="es" at every width."""

from django.urls import reverse
from playwright.sync_api import expect

from members.models import User

from .test_navigation_browser import visit_every_menu_page


def tab_to(page, name: str, limit: int = 40) -> None:
    """Press Tab until the focused element reads `name`, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return
    raise AssertionError(f"{name!r} cannot be reached with the Tab key on {page.url}")


def test_a_visitor_switches_to_spanish_and_back_with_the_keyboard(page, check_page):
    page.goto(reverse("about"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    tab_to(page, "Español")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert page.url.endswith(reverse("about"))  # back on the page they were reading
    check_page(page, "about-es")

    page.goto(reverse("partner"))  # remembered from page to page
    expect(page.locator("html")).to_have_attribute("lang", "es")
    tab_to(page, "English")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_a_person_who_switches_keeps_spanish_on_every_device(page, sign_in, member_a):
    sign_in(page, member_a)
    page.goto(reverse("dashboard"))
    tab_to(page, "Español")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert User.objects.get(pk=member_a.pk).language == "es"

    page.context.clear_cookies()  # another browser: no language cookie, English Accept-Language
    sign_in(page, member_a)
    page.goto(reverse("dashboard"))
    expect(page.locator("html")).to_have_attribute("lang", "es")


def test_every_visitor_page_fits_in_spanish(page, check_page, db):
    page.set_extra_http_headers({"Accept-Language": "es-US,es;q=0.9"})
    assert visit_every_menu_page(page, check_page, "es-menu") >= 6
    expect(page.locator("html")).to_have_attribute("lang", "es")


def test_every_partner_page_fits_in_spanish(page, check_page, sign_in, world):
    world.a.admin.language = "es"
    world.a.admin.save(update_fields=["language"])
    sign_in(page, world.a.admin)
    assert visit_every_menu_page(page, check_page, "es-partner") >= 12
    expect(page.locator("html")).to_have_attribute("lang", "es")
