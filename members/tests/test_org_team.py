import pytest
from django.urls import reverse

from members.models import Invitation, Membership

from .factories import MembershipFactory

pytestmark = pytest.mark.django_db
TEAM = reverse("members:org_team")


def role_url(user):
    return reverse("members:team_role", args=[user.membership.pk])


def test_admin_sees_people_and_invitations(client, admin_a, member_a, org_a):
    Invitation.objects.create(organization=org_a, email="new@example.org")
    client.force_login(admin_a)
    body = client.get(TEAM).content.decode()
    assert "member.a@example.org" in body and "new@example.org" in body


def test_member_sees_people_but_not_invitations(client, member_a, org_a):
    Invitation.objects.create(organization=org_a, email="new@example.org")
    client.force_login(member_a)
    response = client.get(TEAM)
    assert response.status_code == 200
    assert "new@example.org" not in response.content.decode()


def test_member_cannot_invite(client, member_a):
    client.force_login(member_a)
    response = client.post(TEAM, {"email": "x@example.org", "role": "member"})
    assert response.status_code == 403
    assert not Invitation.objects.filter(email="x@example.org").exists()


def test_anonymous_goes_to_login(client):
    assert client.get(TEAM).url.startswith(reverse("account_login"))


def test_stranger_without_organization_gets_404(client, applicant):
    client.force_login(applicant)
    assert client.get(TEAM).status_code == 404


def test_admin_changes_a_role(client, admin_a, member_a):
    client.force_login(admin_a)
    client.post(role_url(member_a), {"role": "admin"})
    assert Membership.objects.get(user=member_a).role == "admin"


def test_member_cannot_change_roles(client, admin_a, member_a):
    client.force_login(member_a)
    assert client.post(role_url(admin_a), {"role": "member"}).status_code == 403
    assert Membership.objects.get(user=admin_a).role == "admin"


def test_other_organization_cannot_touch_our_people(client, member_b, member_a):
    client.force_login(member_b)
    assert client.post(role_url(member_a), {"role": "admin"}).status_code == 404
    remove = reverse("members:team_remove", args=[member_a.membership.pk])
    assert client.post(remove).status_code == 404
    reminders = reverse("members:team_reminders", args=[member_a.membership.pk])
    assert client.post(reminders).status_code == 404
    assert Membership.objects.get(user=member_a).receives_reminders


def test_last_admin_cannot_demote_themselves(client, admin_a):
    client.force_login(admin_a)
    response = client.post(role_url(admin_a), {"role": "member"})
    assert response.status_code == 409
    assert "at least one admin" in response.content.decode()
    assert Membership.objects.get(user=admin_a).role == "admin"


def test_last_admin_cannot_be_removed(client, admin_a):
    client.force_login(admin_a)
    response = client.post(reverse("members:team_remove", args=[admin_a.membership.pk]))
    assert response.status_code == 409
    assert Membership.objects.filter(user=admin_a).exists()


def test_admin_removes_a_person_after_confirming(client, admin_a, member_a):
    client.force_login(admin_a)
    url = reverse("members:team_remove", args=[member_a.membership.pk])
    assert "Yes, remove" in client.get(url).content.decode()
    assert Membership.objects.filter(user=member_a).exists()
    client.post(url)
    assert not Membership.objects.filter(user=member_a).exists()


def test_admin_turns_reminders_off_and_on(client, admin_a, member_a):
    client.force_login(admin_a)
    url = reverse("members:team_reminders", args=[member_a.membership.pk])
    client.post(url)
    assert not Membership.objects.get(user=member_a).receives_reminders
    client.post(url, {"receives_reminders": "on"})
    assert Membership.objects.get(user=member_a).receives_reminders


def test_admin_can_step_down_when_another_admin_remains(client, admin_a, org_a):
    MembershipFactory(organization=org_a, role="admin")
    client.force_login(admin_a)
    client.post(role_url(admin_a), {"role": "member"})
    assert Membership.objects.get(user=admin_a).role == "member"


def test_bad_role_gets_a_message(client, admin_a, member_a):
    client.force_login(admin_a)
    response = client.post(role_url(member_a), {"role": "owner"})
    assert response.status_code == 400
    assert "Please choose a role" in response.content.decode()


def test_it_shows_every_change_to_the_team(client, admin_a, member_a, org_a):
    client.force_login(admin_a)
    url = reverse("members:org_team")
    assert member_a.email in client.get(url).text
    listed = "<strong>new.person@example.org</strong>"  # in the open invitations
    client.post(url, {"email": "new.person@example.org", "role": "member"})
    assert listed in client.get(url).text
    invitation = Invitation.objects.get(email="new.person@example.org")
    client.post(reverse("members:invitation_revoke", args=[invitation.pk]))
    assert listed not in client.get(url).text
    member_a.name = "Renamed Person"
    member_a.save()
    assert "Renamed Person" in client.get(url).text
    Membership.objects.get(user=member_a).delete()
    assert member_a.email not in client.get(url).text
