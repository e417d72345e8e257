"""Issue 8, item 4: extra fields posted to a member form change nothing they should not."""

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from campaigns.models import CallRSVP, Initiative, Practice
from members.models import Invitation, Organization, PartnershipApplication, User
from members.tests.factories import UserFactory
from pledges.models import Activity, EmailPreference

from .figures import record


def extras(world) -> dict:
    """Fields nobody may set through a member form, pointing at org B or at power."""
    return {
        "organization": world.b.org.pk,
        "status": "approved",
        "is_staff": "on",
        "is_superuser": "on",
        "reviewer": world.staff.pk,
        "staff_notes": "set by a member",
        "position": "support",
        "priority": "high",
        "review_state": "verified",
        "verified_by": world.staff.pk,
        "source_type": 1,
        "source_id": 1,
        "logged_by": world.b.admin.pk,
        "user": world.b.admin.pk,
        "applicant": world.b.admin.pk,
        "slug": "taken-over",
        "joined_on": "2000-01-01",
        "role": "admin",
    }


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_logging_an_activity(world):
    data = {"kind": "other", "occurred_on": timezone.localdate().isoformat(), "summary": "Mass"}
    as_user(world.a.member).post(reverse("pledges:activity_new"), {**extras(world), **data})
    activity = Activity.objects.get(summary="Mass")
    assert (activity.organization, activity.logged_by) == (world.a.org, world.a.member)
    assert activity.source_type is None


def test_editing_the_organization_profile(world):
    org = world.a.org
    data = {
        "name": org.name,
        "type": org.type,
        "state": org.state,
        "network_size": 5,
        "language": "en",
    }
    as_user(world.a.admin).post(reverse("members:org_profile_edit"), {**extras(world), **data})
    org.refresh_from_db()
    assert org.network_size == 5
    assert (org.status, org.slug) == (Organization.Status.ACTIVE, "harbor-peer-network")
    assert org.joined_on.year != 2000
    assert not User.objects.filter(is_staff=True).exclude(pk=world.staff.pk).exists()


def test_applying(world, client):
    applicant = UserFactory()
    data = {
        "name": "New Peer Org",
        "type": "peer_run",
        "description": "Peer support.",
        "state": "WI",
        "network_size": 10,
        "reason": "Stand together.",
        **{f"pledge_{p}": "on" for p in ("build_capacity", "engage", "advocate", "advise")},
    }
    as_user(applicant).post(reverse("members:apply"), {**extras(world), **data})
    app = PartnershipApplication.objects.get(name="New Peer Org")
    assert (app.status, app.reviewer, app.staff_notes) == ("submitted", None, "")
    assert (app.applicant, app.organization) == (applicant, None)


def test_reporting_an_initiative(world):
    data = {
        "title": "Crisis respite act",
        "level": "state",
        "state": "MA",
        "bill_number": "S 77",
        "status": "introduced",
        "suggested_position": "support",
    }
    as_user(world.a.member).post(reverse("campaigns:initiative_new"), {**extras(world), **data})
    initiative = Initiative.objects.get(title="Crisis respite act")
    assert initiative.review_state == Initiative.ReviewState.REPORTED
    assert (initiative.position, initiative.priority, initiative.verified_by) == ("none", "", None)
    assert initiative.reports.get().organization == world.a.org


def test_inviting_rsvping_and_email_choices(world):
    client = as_user(world.a.admin)
    client.post(reverse("members:org_team"), {**extras(world), "email": "x@example.org"})
    invitation = Invitation.objects.get(email="x@example.org")
    assert (invitation.organization, invitation.invited_by) == (world.a.org, world.a.admin)
    client.post(
        reverse("campaigns:call_rsvp", args=[world.call.pk]), {**extras(world), "attending": "no"}
    )
    rsvp = CallRSVP.objects.get(call=world.call, user=world.a.admin)
    assert rsvp.organization == world.a.org
    client.post(reverse("pledges:email_preferences"), {**extras(world), "reminders": ""})
    assert EmailPreference.objects.get(user=world.a.admin).reminders is False
    assert EmailPreference.objects.get(user=world.b.member).call_emails is False


def test_signing_up(world, client):
    data = {
        "name": "Dana",
        "email": "new@example.org",
        "password1": "a-long-Pass-9871",
        "password2": "a-long-Pass-9871",
    }
    client.post(reverse("account_signup"), {**extras(world), **data})
    user = User.objects.get(email="new@example.org")
    assert not user.is_staff and not user.is_superuser
    record("mass assignment", "6 member forms posted with 18 extra fields: nothing extra saved")


def test_sharing_a_practice(world):
    data = {"title": "Peer respite evenings", "action": "draft"}
    extra = {**extras(world), "view_count": "999", "reviewer": world.staff.pk}
    as_user(world.a.member).post(reverse("campaigns:practice_new"), {**extra, **data})
    practice = Practice.objects.get(title="Peer respite evenings")
    assert practice.organization == world.a.org
    assert practice.status == Practice.Status.DRAFT
    assert (practice.view_count, practice.reviewer) == (0, None)
