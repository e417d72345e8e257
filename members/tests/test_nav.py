import pytest
from django.urls import reverse

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def nav(client) -> str:
    return client.get(reverse("about")).content.decode()


def test_visitor_sees_directory_but_not_apply(client):
    body = nav(client)
    assert f'href="{reverse("members:directory")}"' in body
    assert f'href="{reverse("members:apply")}"' not in body


def test_signed_in_person_without_application_sees_apply(client, applicant):
    client.force_login(applicant)
    assert f'href="{reverse("members:apply")}">Apply<' in nav(client)


def test_applicant_sees_their_application(client, applicant):
    ApplicationFactory(applicant=applicant)
    client.force_login(applicant)
    assert ">Your application<" in nav(client)


def test_member_sees_organization(client, member_a):
    client.force_login(member_a)
    body = nav(client)
    assert f'href="{reverse("members:org_profile")}">Organization<' in body
    assert ">Apply<" not in body
