"""The security suite's world: two organizations, each owning one row of every model.

Org B's private rows carry MARKER; staff-only fields of org A carry STAFF_MARKER. Tests then
look for the markers wherever org A's people can reach.
"""

import asyncio
import contextlib
import datetime
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from conftest import free_port

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


class MoodySink:
    """An SMTP server that refuses or stalls on purpose, per recipient.

    `temporary[address] = n` answers 421 to the first n tries for that address;
    `permanent` answers 550; `silent` never answers the recipient at all; `slow` takes the
    message and never gives the final answer.
    """

    def __init__(self):
        self.messages: list[dict] = []
        self.temporary: dict[str, int] = {}
        self.permanent: set[str] = set()
        self.silent: set[str] = set()
        self.slow: set[str] = set()
        self.release = asyncio.Event()
        self.connections = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # noqa: N802
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802
        if address in self.silent:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.release.wait(), timeout=30)
            return "451 Too late"
        if address in self.permanent:
            return "550 No such mailbox"
        if self.temporary.get(address, 0) > 0:
            self.temporary[address] -= 1
            return "421 Busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append({"to": envelope.rcpt_tos, "data": envelope.content.decode()})
        if self.slow & set(envelope.rcpt_tos):
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.release.wait(), timeout=30)
        return "250 OK"


@pytest.fixture
def moody_sink(settings):
    sink = MoodySink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "coalition.mail_backend.EmailBackend"},
    }
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 1
    yield sink
    controller.loop.call_soon_threadsafe(sink.release.set)
    controller.stop()
