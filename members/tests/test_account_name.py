import pytest
from django.urls import reverse

from members.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-demo-password"


def log_in(client, user):
    data = {"login": user.email, "password": PASSWORD}
    return client.post(reverse("account_login"), data)


def test_it_asks_a_person_without_a_name_at_sign_in(client):
    user = UserFactory(name="")
    response = log_in(client, user)
    assert response.url.startswith(reverse("members:account_name") + "?next=")


def test_it_does_not_ask_a_person_with_a_name(client):
    user = UserFactory(name="Dana Okafor")
    assert not log_in(client, user).url.startswith(reverse("members:account_name"))


def test_it_saves_name_and_pronouns_and_goes_on(client):
    user = UserFactory(name="")
    client.force_login(user)
    data = {"name": "Dana Okafor", "pronouns": "she/her"}
    response = client.post(reverse("members:account_name") + "?next=/dashboard/", data)
    assert response.url == "/dashboard/"
    user.refresh_from_db()
    assert (user.name, user.pronouns) == ("Dana Okafor", "she/her")


def test_it_keeps_what_was_typed_when_the_name_is_missing(client):
    user = UserFactory(name="")
    client.force_login(user)
    response = client.post(reverse("members:account_name"), {"pronouns": "they/them"})
    assert response.status_code == 400
    assert 'value="they/them"' in response.content.decode()
    user.refresh_from_db()
    assert user.pronouns == ""


def test_it_never_sends_a_person_to_another_site(client):
    client.force_login(UserFactory())
    url = reverse("members:account_name") + "?next=https://evil.example/"
    assert client.post(url, {"name": "Dana"}).url == reverse("members:account")


def test_it_shows_name_and_pronouns_on_the_team_page(client, admin_a, member_a):
    member_a.name, member_a.pronouns = "Robin Hale", "they/them"
    member_a.save()
    client.force_login(admin_a)
    body = client.get(reverse("members:org_team")).content.decode()
    assert "Robin Hale" in body and "(they/them)" in body
