import threading

import pytest
import time_machine
from django.db import connection

from members import services
from members.models import FocusArea, Membership, Organization, PartnershipApplication

from .factories import ApplicationFactory, MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-03-10 15:00:00-05:00", tick=False)
def test_approval_creates_active_organization_with_applicant_as_admin(application, staff):
    application.focus_areas.set(FocusArea.objects.filter(slug="youth"))
    org = services.application_approve(application=application, reviewer=staff)
    application.refresh_from_db()
    assert (org.status, org.slug, str(org.joined_on)) == (
        "active",
        "riverside-peer-center",
        "2026-03-10",
    )
    assert [a.slug for a in org.focus_areas.all()] == ["youth"]
    assert Membership.objects.get(user=application.applicant).role == "admin"
    assert (application.status, application.reviewer, application.organization) == (
        "approved",
        staff,
        org,
    )
    assert application.decided_at is not None


def test_approval_makes_a_unique_slug(staff):
    OrganizationFactory(name="Other", slug="north-star")
    org = services.application_approve(
        application=ApplicationFactory(name="North Star"), reviewer=staff
    )
    assert org.slug == "north-star-2"


def test_decided_application_cannot_be_decided_again(application, staff):
    services.application_decline(application=application, reviewer=staff, reason="No.")
    with pytest.raises(services.ApplicationAlreadyDecided):
        services.application_approve(application=application, reviewer=staff)
    assert not Organization.objects.exists()


def test_decline_needs_a_reason(application, staff):
    with pytest.raises(services.MembersError):
        services.application_decline(application=application, reviewer=staff, reason="  ")
    application.refresh_from_db()
    assert application.status == "submitted"


def test_request_info_records_reason_and_reviewer(application, staff):
    services.application_request_info(application=application, reviewer=staff, reason="Board?")
    application.refresh_from_db()
    assert (application.status, application.decision_reason, application.reviewer) == (
        "needs_info",
        "Board?",
        staff,
    )


def test_approval_refuses_applicant_who_already_belongs_somewhere(application, staff, org_a):
    MembershipFactory(user=application.applicant, organization=org_a)
    with pytest.raises(services.MembersError):
        services.application_approve(application=application, reviewer=staff)
    assert Organization.objects.count() == 1


def test_history_keeps_who_decided(application, staff):
    services.application_decline(application=application, reviewer=staff, reason="Not now.")
    latest = application.history.first()
    assert (latest.status, latest.history_user, latest.decision_reason) == (
        "declined",
        staff,
        "Not now.",
    )


def test_withdrawn_application_cannot_be_withdrawn_twice(application):
    services.application_withdraw(application=application)
    with pytest.raises(services.ApplicationAlreadyDecided):
        services.application_withdraw(application=application)


def test_one_open_application_per_person(application):
    with pytest.raises(services.MembersError):
        services.application_submit(
            application=PartnershipApplication(
                **{
                    f: getattr(application, f)
                    for f in ("name", "type", "description", "state", "network_size", "reason")
                },
                pledge_build_capacity=True,
                pledge_engage=True,
                pledge_advocate=True,
                pledge_advise=True,
            ),
            applicant=application.applicant,
            focus_areas=[],
        )


@pytest.mark.django_db(transaction=True)
def test_two_staff_approving_at_once_decide_once(staff):
    application = ApplicationFactory()
    barrier, outcomes = threading.Barrier(2), []

    def approve():
        barrier.wait()
        try:
            services.application_approve(application=application, reviewer=staff)
            outcomes.append("approved")
        except services.ApplicationAlreadyDecided:
            outcomes.append("already decided")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve) for _ in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert sorted(outcomes) == ["already decided", "approved"]
    assert Organization.objects.count() == 1
