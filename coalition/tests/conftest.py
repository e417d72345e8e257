"""The security suite's world: two organizations, each owning one row of every model.

Org B's private rows carry MARKER; staff-only fields of org A carry STAFF_MARKER. Tests then
look for the markers wherever org A's people can reach.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.utils import timezone

from .figures import FIGURES

MARKER = "zqxmarker7731"
STAFF_MARKER = "stafonly4412"


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("security figures")
        for name, text in sorted(FIGURES.items()):
            terminalreporter.write_line(f"{name}: {text}")


@dataclass
class Side:
    """One organization's people and rows."""

    org: Any
    admin: Any
    member: Any
    rows: dict[str, Any] = field(default_factory=dict)


@dataclass
class World:
    a: Side
    b: Side
    call: Any
    past_call: Any
    day: Any
    verified: Any
    staff: Any


def _side(org, admin, member, *, text: str, call, past_call, day, approved_by, update) -> Side:
    from campaigns.models import (
        CalendarFeedToken,
        CallAttendance,
        CallRSVP,
        DayOfActionParticipation,
        Initiative,
        Practice,
        UpdateShare,
    )
    from campaigns.tests.factories import InitiativeFactory, PracticeFactory, ReportFactory
    from members.models import Invitation, PartnershipApplication
    from members.tests.factories import ApplicationFactory
    from pledges.models import Activity, EmailPreference, PledgePause, Reminder, month

    today = timezone.localdate()
    side = Side(org=org, admin=admin, member=member)
    rows = side.rows
    rows["membership"] = member.membership
    rows["activity"] = Activity.objects.create(
        organization=org,
        kind="other",
        occurred_on=today,
        summary=f"Ran a workshop {text}",
        logged_by=member,
    )
    rows["invitation"] = Invitation.objects.create(
        organization=org, email=f"{text}.invitee@example.org", invited_by=admin
    )
    rows["initiative"] = InitiativeFactory(
        title=f"Peer respite bill {text}",
        summary=f"Unverified {text}",
        review_state=Initiative.ReviewState.REPORTED,
        state=org.state,
    )
    rows["report"] = ReportFactory(
        initiative=rows["initiative"], organization=org, reported_by=member, note=f"Note {text}"
    )
    rows["rsvp"] = CallRSVP.objects.create(call=call, user=member, organization=org, attending=True)
    rows["attendance"] = CallAttendance.objects.create(
        call=past_call, organization=org, recorded_by=approved_by
    )
    rows["participation"] = DayOfActionParticipation.objects.create(
        day=day, organization=org, recorded_by=member
    )
    rows["feed_token"] = CalendarFeedToken.objects.create(user=member)
    rows["application"] = ApplicationFactory(
        applicant=admin,
        name=org.name,
        reason=f"Reason {text}",
        status=PartnershipApplication.Status.APPROVED,
        organization=org,
        reviewer=approved_by,
        decided_at=timezone.now(),
    )
    rows["pause"] = PledgePause.objects.create(
        organization=org,
        month=month(today - datetime.timedelta(days=70)),
        reason=f"Leave {text}",
        granted_by=approved_by,
    )
    rows["reminder"] = Reminder.objects.create(
        organization=org, month=month(today), stage="first", recipients=f"{text}@example.org"
    )
    rows["email_preference"] = EmailPreference.objects.create(user=member, call_emails=False)
    rows["practice"] = PracticeFactory(
        organization=org,
        submitted_by=member,
        title=f"Warmline {text}",
        results=f"Results {text}",
        status=Practice.Status.SUBMITTED,
    )
    rows["update_share"] = UpdateShare.objects.create(
        update=update, organization=org, shared_by=member, reach=40
    )
    return side


@pytest.fixture
def world(db, org_a, org_b, admin_a, member_a, member_b, staff) -> World:
    from campaigns.tests.factories import (
        CoalitionUpdateFactory,
        DayOfActionFactory,
        InitiativeFactory,
        StrategyCallFactory,
    )
    from members.tests.factories import MembershipFactory

    call = StrategyCallFactory(title="Next strategy call")
    past_call = StrategyCallFactory(
        title="Last strategy call", starts_at=timezone.now() - datetime.timedelta(days=10)
    )
    day = DayOfActionFactory(title="Day of action", date=timezone.localdate())
    update = CoalitionUpdateFactory(title="Coalition update")
    verified = InitiativeFactory(title="Crisis line funding act")
    plain_b = MembershipFactory(
        organization=org_b, user__email=f"{MARKER}.person@example.org", user__name=f"Bea {MARKER}"
    ).user
    a = _side(
        org_a,
        admin_a,
        member_a,
        text="harbor",
        call=call,
        past_call=past_call,
        day=day,
        approved_by=staff,
        update=update,
    )
    b = _side(
        org_b,
        member_b,
        plain_b,
        text=MARKER,
        call=call,
        past_call=past_call,
        day=day,
        approved_by=staff,
        update=update,
    )
    a.rows["application"].staff_notes = f"Between us {STAFF_MARKER}"
    a.rows["application"].save()
    b.rows["application"].staff_notes = f"Between us {MARKER}"
    b.rows["application"].save()
    return World(a=a, b=b, call=call, past_call=past_call, day=day, verified=verified, staff=staff)
