"""Every page reachable from the menus, for each kind of person, at the widths people use.

Fails when a page scrolls sideways, when a menu link's box lies outside the viewport or its
bar, or when axe finds a WCAG 2.2 AA problem in light or dark mode.
"""

import pytest

WIDTHS = [1024, 1280, 1366, 1440, 375]
MENU = "nav.site-nav"

# Each link's box, its bar's box and the viewport, measured in the page.
MEASURE = """(menu) => {
  const bar = document.querySelector(menu).getBoundingClientRect();
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll(menu + ' .nav-link, ' + menu + ' .navbar-brand')]
    .filter((el) => el.offsetParent !== null)
    .map((el) => {
      const box = el.getBoundingClientRect();
      return {
        text: el.textContent.trim(),
        outside: box.left < 0 || box.right > width
          || box.left < bar.left - 0.5 || box.right > bar.right + 0.5
          || box.top < bar.top - 0.5 || box.bottom > bar.bottom + 0.5,
      };
    });
}"""


def menu_pages(page) -> list[str]:
    """Every address the menus link to, dropdowns included, except the Django admin."""
    hrefs = page.eval_on_selector_all(f"{MENU} a[href]", "els => els.map(e => e.pathname)")
    return sorted({href for href in hrefs if not href.startswith("/admin/")})


def assert_menu_fits(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    if width < 992:
        page.locator(f"{MENU} .navbar-toggler").click()
        page.locator("#main-nav.show").wait_for()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at {width}px"
    boxes = page.evaluate(MEASURE, MENU)
    assert boxes, f"no menu links visible on {page.url} at {width}px"
    outside = [box["text"] for box in boxes if box["outside"]]
    assert not outside, f"menu links outside the bar on {page.url} at {width}px: {outside}"
    for toggle in page.locator(f"{MENU} .dropdown-toggle").all():
        toggle.click()
        menu = toggle.locator("xpath=following-sibling::ul")
        menu.wait_for()
        box = menu.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (
            f"the {toggle.inner_text()} menu runs off {page.url} at {width}px"
        )
        page.keyboard.press("Escape")
    if width < 992:
        page.reload()


def visit_every_menu_page(page, check_page, shots: str = "menu") -> int:
    page.goto("/")
    pages = menu_pages(page)
    for path in pages:
        page.emulate_media(color_scheme="light")
        page.goto(path)
        check_page(page, f"{shots}{path}-light")
        for width in WIDTHS:
            assert_menu_fits(page, width)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.emulate_media(color_scheme="dark")
        page.reload()
        assert page.locator("html[data-bs-theme=dark]").count() == 1
        check_page(page, f"{shots}{path}-dark")
    return len(pages)


def test_it_fits_every_visitor_page(page, check_page, db):
    assert visit_every_menu_page(page, check_page) >= 6


@pytest.mark.parametrize("who", ["admin", "member"])
def test_it_fits_every_partner_page(page, check_page, sign_in, world, who):
    sign_in(page, world.a.admin if who == "admin" else world.a.member)
    assert visit_every_menu_page(page, check_page) >= 12


def test_it_fits_every_staff_page(page, check_page, sign_in, world):
    sign_in(page, world.staff)
    assert visit_every_menu_page(page, check_page) >= 4
