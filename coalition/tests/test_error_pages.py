from django.urls import reverse


def test_missing_page_is_kind_and_uses_the_site_layout(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_error_pages_pass_accessibility_checks(page, check_page):
    page.goto("/no-such-page/")
    check_page(page, "not-found")
    page.goto(reverse("admin:index"))  # anonymous: allauth login, the admin's only door
    check_page(page, "admin-login")
