from django.urls import reverse

from members.tests.factories import UserFactory


def test_it_denies_unused_browser_features_on_public_pages(client, db):
    policy = client.get(reverse("home")).headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert f"{feature}=()" in policy


def test_it_sends_the_policy_on_signed_in_pages_and_errors_too(client, db):
    client.force_login(UserFactory())
    assert "camera=()" in client.get(reverse("account_email")).headers["Permissions-Policy"]
    assert "camera=()" in client.get("/no-such-page/").headers["Permissions-Policy"]
