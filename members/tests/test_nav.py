import pytest
from django.urls import reverse

from members.models import Membership

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


def menus(client, url: str) -> str:
    """The menus part of the navigation bar of `url`."""
    body = client.get(url).text
    return body.split('id="main-nav"', 1)[1].split('<ul class="navbar-nav">', 1)[0]


def test_kept_partner_menus_follow_the_page_the_role_and_the_language(
    client, member_a, staff, org_a
):
    client.force_login(member_a)
    dashboard = menus(client, reverse("dashboard"))
    assert 'href="/dashboard/" aria-current="page"' in dashboard
    team = menus(client, reverse("members:org_team"))
    assert 'href="/org/team/" aria-current="page"' in team
    assert 'aria-current="page"' not in team.split('href="/org/team/"')[0]
    assert ">Coalition health<" not in team
    Membership.objects.create(user=staff, organization=org_a, role="member")
    client.force_login(staff)
    assert ">Coalition health<" in menus(client, reverse("members:org_team"))
    member_a.language = "es"
    member_a.save()
    client.force_login(member_a)
    spanish = menus(client, reverse("members:org_team"))
    assert ">Equipo<" in spanish and ">Coalition health<" not in spanish
