"""A new password signs the person out everywhere else, and keeps the browser that set it."""

from django.test import Client
from django.urls import reverse

from members.models import Session
from members.tests.factories import UserFactory

OLD, NEW = "a-long-demo-password", "calm-river-lantern-42"


def change_password(client: Client):
    return client.post(
        reverse("account_change_password"),
        {"oldpassword": OLD, "password1": NEW, "password2": NEW},
    )


def test_it_ends_the_persons_other_sessions(db):
    user = UserFactory()
    here, elsewhere = Client(), Client()
    here.force_login(user)
    elsewhere.force_login(user)
    change_password(here)
    assert Session.objects.filter(user=user).count() == 1
    assert elsewhere.get(reverse("account_email")).status_code == 302


def test_it_keeps_the_session_that_changed_it(db):
    user = UserFactory()
    here = Client()
    here.force_login(user)
    assert change_password(here).status_code == 302
    assert here.get(reverse("account_email")).status_code == 200


def test_it_leaves_other_peoples_sessions_alone(db):
    user, other = UserFactory(), UserFactory()
    here, theirs = Client(), Client()
    here.force_login(user)
    theirs.force_login(other)
    change_password(here)
    assert Session.objects.filter(user=other).count() == 1
