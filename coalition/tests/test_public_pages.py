import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("name", "heading"),
    [
        ("home", "Standing together for mental-health reform"),
        ("about", "About the coalition"),
        ("partner", "How partnering works"),
        ("contact", "Contact us"),
        ("privacy", "Privacy"),
        ("accessibility", "Accessibility"),
    ],
)
def test_it_shows_public_page_to_a_visitor(page, check_page, name, heading):
    page.goto(reverse(name))
    assert page.get_by_role("heading", level=1).inner_text() == heading
    check_page(page)


def test_about_page_names_the_four_pledges(client, db):
    response = client.get(reverse("about"))
    for pledge in ("Build capacity", "Engage", "Advocate", "Advise"):
        assert pledge in response.content.decode()


def test_it_sends_anonymous_visitor_to_login_for_private_page(client, db):
    response = client.get(reverse("account_email"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_public_page_sends_strict_security_headers(client, db):
    response = client.get(reverse("home"))
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "base-uri 'none'" in csp
