import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from members import services
from members.models import Invitation, Membership

from .factories import UserFactory

pytestmark = pytest.mark.django_db
TEAM = reverse("members:org_team")


@pytest.fixture
def invitation(org_a, admin_a):
    return services.invitation_create(
        organization=org_a, email="New.Person@example.org", role="member", invited_by=admin_a
    )


def accept_url(invitation):
    return reverse("members:invitation", args=[invitation.token])


def test_admin_invites_and_email_carries_the_link(client, admin_a, org_a, deliver_mail):
    client.force_login(admin_a)
    response = client.post(TEAM, {"email": "friend@example.org", "role": "admin"})
    assert response.url == TEAM
    invitation = org_a.invitations.get()
    (message,) = deliver_mail()
    assert message.to == ["friend@example.org"]
    assert f"/invitations/{invitation.token}/" in message.body
    assert invitation.role == "admin"


def test_bad_email_gets_message_beside_field(client, admin_a):
    client.force_login(admin_a)
    response = client.post(TEAM, {"email": "not-an-email", "role": "member"})
    assert response.status_code == 400
    assert "does not look like an email" in response.context["invite_form"].errors["email"][0]
    assert not Invitation.objects.exists()


def test_second_invitation_to_same_address_is_refused(client, admin_a, invitation):
    client.force_login(admin_a)
    response = client.post(TEAM, {"email": "new.person@EXAMPLE.org", "role": "member"})
    assert "already has an invitation" in response.context["invite_form"].errors["email"][0]
    assert Invitation.objects.count() == 1


def test_existing_user_accepts_and_joins(client, invitation):
    user = UserFactory(email="new.person@example.org")
    client.force_login(user)
    response = client.post(accept_url(invitation))
    assert response.url == reverse("members:org_profile")
    assert Membership.objects.get(user=user).organization == invitation.organization
    invitation.refresh_from_db()
    assert invitation.accepted_by == user


def test_invitation_works_only_once(client, invitation):
    services.invitation_accept(
        invitation=invitation, user=UserFactory(email="new.person@example.org")
    )
    with pytest.raises(services.InvitationError):
        services.invitation_accept(invitation=invitation, user=UserFactory())


def test_invitation_expires_after_fourteen_days(invitation):
    user = UserFactory(email="new.person@example.org")
    later = timezone.now() + datetime.timedelta(days=14, minutes=1)
    with time_machine.travel(later), pytest.raises(services.InvitationError):
        services.invitation_accept(invitation=invitation, user=user)
    assert not Membership.objects.filter(user=user).exists()


def test_resend_gives_fourteen_more_days(invitation, deliver_mail):
    later = timezone.now() + datetime.timedelta(days=13)
    with time_machine.travel(later):
        services.invitation_resend(invitation=invitation)
    assert invitation.expires_at > later + datetime.timedelta(days=13)
    assert len(deliver_mail()) == 2


def test_revoked_invitation_cannot_be_used(client, admin_a, invitation):
    client.force_login(admin_a)
    client.post(reverse("members:invitation_revoke", args=[invitation.pk]))
    client.force_login(UserFactory(email="new.person@example.org"))
    client.post(accept_url(invitation))
    assert Membership.objects.count() == 1
    assert "can no longer be used" in client.get(accept_url(invitation)).content.decode()


def test_invitation_for_someone_else_is_refused(client, invitation):
    user = UserFactory(email="forwarded@example.org")
    client.force_login(user)
    client.post(accept_url(invitation))
    assert not Membership.objects.filter(user=user).exists()


def test_member_of_another_organization_cannot_accept(invitation, member_b):
    with pytest.raises(services.InvitationError):
        services.invitation_accept(invitation=invitation, user=member_b)


def test_anonymous_visitor_sees_signup_and_login_links(client, invitation):
    response = client.get(accept_url(invitation))
    body = response.content.decode()
    assert response.status_code == 200
    assert f"{reverse('account_signup')}?next=" in body


def test_unknown_token_is_404(client, db):
    assert client.get(reverse("members:invitation", args=["nope"])).status_code == 404


def test_other_organization_cannot_resend_or_revoke_our_invitation(client, member_b, invitation):
    client.force_login(member_b)
    assert (
        client.post(reverse("members:invitation_resend", args=[invitation.pk])).status_code == 404
    )
    assert (
        client.post(reverse("members:invitation_revoke", args=[invitation.pk])).status_code == 404
    )
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_member_cannot_revoke(client, member_a, invitation):
    client.force_login(member_a)
    assert (
        client.post(reverse("members:invitation_revoke", args=[invitation.pk])).status_code == 403
    )
