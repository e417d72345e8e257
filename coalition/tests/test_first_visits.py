"""Public pages kept whole for requests without a cookie (members.caching.for_first_visits),
and the language switch they carry, which takes a visitor's choice without a CSRF token."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from members.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
DIRECTORY = reverse("members:directory")
# A filtered page the view itself does not keep (members.views.directory): what is seen here
# is the whole-page copy alone.
FILTERED = {"state": "MA", "focus_area": ""}
PUBLIC = ["home", "about", "partner", "campaigns:priority_list", "members:directory"]


@pytest.mark.parametrize("name", PUBLIC)
def test_a_first_visit_gets_a_page_with_no_token_and_no_cookie(name):
    response = Client().get(reverse(name))
    assert response.status_code == 200
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.text
    assert {"Cookie", "Accept-Language"} <= {v.strip() for v in response["Vary"].split(",")}


def test_first_visits_share_the_page_until_it_expires(time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    OrganizationFactory(name="Harbor Peer Network", state="MA")
    assert "Harbor Peer Network" in Client().get(DIRECTORY, FILTERED).text
    OrganizationFactory(name="Lakeside Recovery Circle", state="MA")
    assert "Lakeside Recovery Circle" not in Client().get(DIRECTORY, FILTERED).text
    time_machine.shift(301)
    assert "Lakeside Recovery Circle" in Client().get(DIRECTORY, FILTERED).text


def test_a_visitor_with_a_cookie_gets_the_page_drawn_for_them():
    OrganizationFactory(name="Harbor Peer Network", state="MA")
    Client().get(DIRECTORY, FILTERED)
    OrganizationFactory(name="Lakeside Recovery Circle", state="MA")
    returning = Client()
    returning.cookies["django_language"] = "en"
    assert "Lakeside Recovery Circle" in returning.get(DIRECTORY, FILTERED).text


def test_a_signed_in_person_never_gets_the_visitors_copy(member_a):
    Client().get(reverse("home"))
    client = Client()
    client.force_login(member_a)
    body = client.get(reverse("home")).text
    assert "Log out" in body
    assert "Create an account to apply" not in body


def test_each_language_has_its_own_copy():
    english = Client().get(reverse("about"), headers={"accept-language": "en"}).text
    spanish = Client().get(reverse("about"), headers={"accept-language": "es"}).text
    assert '<html lang="en">' in english
    assert '<html lang="es">' in spanish
    again = Client().get(reverse("about"), headers={"accept-language": "en"}).text
    assert again == english


def test_each_address_has_its_own_copy():
    OrganizationFactory(name="Harbor Peer Network", state="MA")
    OrganizationFactory(name="Desert Recovery Alliance", state="AZ")
    arizona = Client().get(DIRECTORY, {"state": "AZ"}).text
    massachusetts = Client().get(DIRECTORY, {"state": "MA"}).text
    assert "Desert Recovery Alliance" in arizona and "Harbor Peer Network" not in arizona
    assert "Harbor Peer Network" in massachusetts and "Desert" not in massachusetts


def test_a_visitor_switches_language_without_a_token():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("set_language"), {"language": "es", "next": "/about/"})
    assert response.status_code == 302
    assert response["Location"] == "/about/"
    assert client.cookies["django_language"].value == "es"
    assert '<html lang="es">' in client.get("/about/").text


def test_a_signed_in_person_needs_a_token_to_change_their_language(member_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member_a)
    response = client.post(reverse("set_language"), {"language": "es", "next": "/dashboard/"})
    assert response.status_code == 403
    member_a.refresh_from_db()
    assert member_a.language == "en"
    assert "django_language" not in client.cookies


def test_a_signed_in_person_with_a_token_keeps_their_language(member_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member_a)
    page = client.get(reverse("dashboard")).text
    assert 'name="csrfmiddlewaretoken"' in page.split('class="language-switch"', 1)[1][:300]
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("set_language"),
        {"language": "es", "next": "/dashboard/"},
        headers={"x-csrftoken": token},
    )
    assert response.status_code == 302
    member_a.refresh_from_db()
    assert member_a.language == "es"
