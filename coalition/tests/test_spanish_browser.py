"""The portal in Spanish, in a real browser: the language switch by keyboard, and every menu
page fitting and passing axe with lang="es" at every width."""

import re

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from members import services
from members.models import User

from .test_navigation_browser import visit_every_menu_page

PASSWORD = "calm-river-lantern-42"


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


def test_an_invited_person_signs_up_and_logs_an_activity_in_spanish(
    page, check_page, admin_a, org_a, deliver_mail
):
    """From the invitation to a logged activity, with a Spanish-speaking browser: every page
    in Spanish (lang="es") and clear of axe violations."""
    today = timezone.localdate()
    invitation = services.invitation_create(
        organization=org_a, email="lucia@example.org", role="member", invited_by=admin_a
    )
    page.set_extra_http_headers({"Accept-Language": "es-MX,es;q=0.9"})
    page.goto(reverse("members:invitation", args=[invitation.token]))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    check_page(page, "es-invitation")
    page.locator("main").get_by_role("link", name="Crear una cuenta").click()
    check_page(page, "es-signup")
    page.get_by_label("Su nombre").fill("Lucía Ramírez")
    page.locator("#id_email").fill("lucia@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Crear mi cuenta").click()
    page.get_by_role("heading", name="Revise su correo").wait_for()
    check_page(page, "es-verification-sent")

    confirmation = deliver_mail()[-1]
    assert confirmation.to == ["lucia@example.org"]
    page.goto(re.search(r"https?://\S+/accounts/confirm-email/\S+/", confirmation.body).group(0))
    check_page(page, "es-confirm-email")
    page.get_by_role("button", name="Sí, confirmarla").click()
    join = page.get_by_role("button", name=f"Unirse a {org_a.name}")
    join.wait_for()
    join.click()
    page.get_by_text(f"Le damos la bienvenida a {org_a.name}.").wait_for()
    person = User.objects.get(email="lucia@example.org")
    assert person.language == "es"  # kept for her emails and reminders

    page.goto(reverse("pledges:activity_new"))
    check_page(page, "es-activity-new")
    page.get_by_label("Tipo de actividad").select_option("day_of_action")
    page.get_by_label("Fecha en que ocurrió").fill(today.isoformat())
    page.get_by_label("Qué se hizo").fill("Hablamos en la audiencia estatal.")
    page.get_by_role("button", name="Registrar actividad").click()
    with translation.override("es"):
        month_name = date_format(today, "F")
    page.get_by_text(f"Gracias: el compromiso de {month_name} está cumplido.").wait_for()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    check_page(page, "es-activity-list")
    assert org_a.activities.get().summary == "Hablamos en la audiencia estatal."
