import pytest
from django.test import Client
from django.urls import reverse

from members.models import User
from members.tests.factories import UserFactory

PASSWORD = "calm-river-lantern-42"


def signup(client, email="someone@example.org", password1=PASSWORD, password2=PASSWORD):
    return client.post(
        reverse("account_signup"),
        {"name": "Dana", "email": email, "password1": password1, "password2": password2},
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"password1": "short", "password2": "short"}, "password1", "too short"),
        ({"password2": "something-else-entirely"}, "password2", "same password each time"),
    ],
)
def test_it_shows_bad_input_beside_the_field_and_creates_nothing(client, db, data, field, message):
    response = signup(client, **data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert f'id="error_1_id_{field}"' in response.content.decode()
    assert not User.objects.exists()


def test_it_sends_verification_email_through_the_queue(client, db, deliver_mail):
    from post_office.models import Email

    signup(client)
    assert Email.objects.filter(to=["someone@example.org"]).count() == 1
    outbox = deliver_mail()
    assert "/accounts/confirm-email/" in outbox[0].body


def test_existing_email_gets_the_same_answer_and_creates_nothing(client, db, deliver_mail):
    UserFactory(email="taken@example.org")
    known = signup(client, email="taken@example.org")
    unknown = signup(Client(), email="fresh@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert User.objects.filter(email="taken@example.org").count() == 1


def test_unverified_person_cannot_log_in(client, db):
    UserFactory(email="pending@example.org", verified=False)
    response = client.post(
        reverse("account_login"),
        {"login": "pending@example.org", "password": "a-long-demo-password"},
    )
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
