"""Demo strategy calls and days of action for `make run`; safe to run again."""

import contextlib
import datetime
from collections.abc import Callable

from django.utils import timezone

from members.models import Membership, Organization, User

from .models import (
    AgendaItem,
    CoalitionUpdate,
    DayOfAction,
    Initiative,
    Practice,
    StrategyCall,
    Topic,
    coalition_zone,
)
from .services import (
    AlreadyReported,
    initiative_set_status,
    initiative_verify,
    practice_accept,
    report_file,
    same_weekday_next_month,
)

JOIN_URL = "https://meet.example.org/coalition-strategy"
DIAL_IN = "+1 555 010 0100, meeting code 4242 1212"

NEXT_AGENDA = [
    ("Welcome and new partners", "Casey Coordinator", 10, True),
    ("State crisis-line funding: where each bill stands", "Policy working group", 20, False),
    ("Peer-support certification: what worked in Ohio", "Harbor Peer Network", 15, False),
    ("Planning the next day of action", "Casey Coordinator", 15, True),
]


def _second_tuesday(year: int, month_no: int) -> datetime.datetime:
    first = datetime.date(year, month_no, 1)
    day = first + datetime.timedelta(days=(1 - first.weekday()) % 7 + 7)
    return datetime.datetime.combine(day, datetime.time(14, 0), tzinfo=coalition_zone())


def seed_calls() -> None:
    today = timezone.localdate()
    this_month = _second_tuesday(today.year, today.month)
    if this_month > timezone.now():
        upcoming, past = this_month, None
    else:
        upcoming, past = same_weekday_next_month(this_month), this_month
    if past is None:
        last = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        past = _second_tuesday(last.year, last.month)

    call, created = StrategyCall.objects.get_or_create(
        title="Monthly strategy call",
        starts_at=upcoming,
        defaults={
            "join_url": JOIN_URL,
            "dial_in": DIAL_IN,
            "captions": True,
            "asl": True,
            "accessibility_notes": "Slides are emailed a day ahead. There is a short break.",
            "status": StrategyCall.Status.PUBLISHED,
            "published_at": timezone.now(),
        },
    )
    if created:
        for position, (topic, presenter, minutes, standing) in enumerate(NEXT_AGENDA, start=1):
            AgendaItem.objects.create(
                call=call,
                position=position,
                topic=topic,
                presenter=presenter,
                minutes_allotted=minutes,
                standing=standing,
            )

    past_call, created = StrategyCall.objects.get_or_create(
        title="Monthly strategy call",
        starts_at=past,
        defaults={
            "join_url": JOIN_URL,
            "dial_in": DIAL_IN,
            "captions": True,
            "status": StrategyCall.Status.PUBLISHED,
            "published_at": past - datetime.timedelta(days=7),
            "minutes": "Twelve organizations joined. The policy group shared a bill tracker "
            "for crisis-line funding. Next steps: each partner checks its state's bill status "
            "before the next call.",
            "recording_url": "https://video.example.org/coalition-call-recording",
        },
    )
    if created:
        AgendaItem.objects.create(
            call=past_call, position=1, topic="Welcome and new partners", standing=True
        )
        AgendaItem.objects.create(
            call=past_call, position=2, topic="Crisis-line funding update", minutes_allotted=25
        )

    for offset, title, what in [
        (
            10,
            "Crisis care for all: call your state legislators",
            "Call or email your state legislators and ask them to fund 988 crisis lines. "
            "A short script is on the campaign page.",
        ),
        (
            24,
            "Peer voices day",
            "Share a recovery story (with permission) or a fact about peer support on "
            "social media with #PeerVoices.",
        ),
    ]:
        DayOfAction.objects.get_or_create(
            title=title,
            defaults={
                "date": today + datetime.timedelta(days=offset),
                "what_to_do": what,
                "link": "https://coalition.example/campaigns",
                "is_published": True,
            },
        )


# Legislation

DEMO_ORGANIZATIONS = [
    ("riverbend-peer-alliance", "Riverbend Peer Alliance", "peer_run", "Boston", "MA"),
    ("sonoran-recovery-collective", "Sonoran Recovery Collective", "provider", "Tucson", "AZ"),
    ("lakeshore-crisis-partners", "Lakeshore Crisis Partners", "advocacy", "Cleveland", "OH"),
    ("gulf-coast-family-network", "Gulf Coast Family Network", "community", "Houston", "TX"),
]

# title, level, state, jurisdiction, number, status, topic slugs, reporters, verified, position
DEMO_INITIATIVES = [
    (
        "Mobile crisis response for every county",
        "state",
        "MA",
        "",
        "H.B. 1234",
        "in_committee",
        ["crisis-988"],
        [0, 2],
        True,
        "support",
    ),
    (
        "988 telecom fee to fund crisis centers",
        "state",
        "AZ",
        "",
        "SB 1102",
        "passed_one_chamber",
        ["crisis-988", "medicaid-funding"],
        [1],
        True,
        "support",
    ),
    (
        "Mental health parity enforcement act",
        "state",
        "OH",
        "",
        "HB 215",
        "introduced",
        ["parity"],
        [2, 0, 3],
        True,
        "support",
    ),
    (
        "School counselor ratio standards",
        "state",
        "TX",
        "",
        "H.B. 88",
        "enacted",
        ["school-mental-health", "children-youth"],
        [3],
        True,
        "monitor",
    ),
    (
        "Peer support specialist certification",
        "state",
        "MA",
        "",
        "S. 742",
        "introduced",
        ["peer-support", "workforce"],
        [0],
        False,
        "none",
    ),
    (
        "Behavioral health response team pilot",
        "city",
        "MA",
        "Boston",
        "",
        "introduced",
        ["crisis-988", "criminal-legal-diversion"],
        [0],
        True,
        "support",
    ),
    (
        "Supportive housing set-aside",
        "county",
        "AZ",
        "Pima County",
        "Ordinance 2026-15",
        "in_committee",
        ["housing"],
        [1],
        True,
        "support",
    ),
    (
        "Drug-induced homicide sentencing increase",
        "state",
        "OH",
        "",
        "SB 51",
        "in_committee",
        ["substance-use", "criminal-legal-diversion"],
        [2],
        True,
        "oppose",
    ),
    (
        "Medicaid reimbursement for peer services",
        "federal",
        "",
        "",
        "H.R. 5120",
        "introduced",
        ["medicaid-funding", "peer-support"],
        [0, 1],
        True,
        "support",
    ),
    (
        "Youth mental health first aid in schools",
        "city",
        "TX",
        "Houston",
        "",
        "unknown",
        ["children-youth", "school-mental-health"],
        [3],
        False,
        "none",
    ),
    (
        "Loan repayment for rural clinicians",
        "state",
        "AZ",
        "",
        "HB 2290",
        "failed",
        ["workforce"],
        [1],
        True,
        "support",
    ),
    (
        "Co-responder funding in the county budget",
        "county",
        "OH",
        "Cuyahoga County",
        "",
        "passed",
        ["criminal-legal-diversion", "medicaid-funding"],
        [2],
        False,
        "none",
    ),
]


def _organization(slug: str, name: str, kind: str, city: str, state: str) -> Organization:
    found = (
        Organization.objects.filter(slug=slug).first()
        or Organization.objects.filter(name__iexact=name).first()
    )
    return found or Organization.objects.create(
        slug=slug,
        name=name,
        type=kind,
        city=city,
        state=state,
        description="A demo partner.",
        joined_on=timezone.localdate().replace(day=1),
        listed_in_directory=True,
    )


def seed_legislation(demo_user: Callable[..., User]) -> list[User]:
    """About a dozen initiatives across states and levels; returns the demo logins it made."""
    orgs = [_organization(*row) for row in DEMO_ORGANIZATIONS]
    member = demo_user("member@riverbend.example", "Riley Riverbend")
    Membership.objects.get_or_create(
        user=member, defaults={"organization": orgs[0], "role": Membership.Role.ADMIN}
    )
    staff = User.objects.filter(is_staff=True).order_by("pk").first()
    topics = {t.slug: t for t in Topic.objects.all()}
    today = timezone.localdate()
    for n, row in enumerate(DEMO_INITIATIVES):
        title, level, state, place, number, status, slugs, reporters, verified, position = row
        if Initiative.objects.filter(title=title).exists():
            continue
        data = {
            "title": title,
            "level": level,
            "state": state,
            "jurisdiction": place,
            "bill_number": number,
            "status": "introduced" if status != "unknown" else "unknown",
            "introduced_on": today - datetime.timedelta(days=30 + 7 * n),
            "next_hearing_on": today + datetime.timedelta(days=5 + n) if n % 3 == 0 else None,
            "summary": f"{title}. A demo summary of what the bill would change.",
            "source_url": "https://example.org/bills/demo",
            "topics": [topics[s] for s in slugs if s in topics],
            "suggested_position": position,
            "note": "",
        }
        initiative = None
        for i in reporters:
            with contextlib.suppress(AlreadyReported):
                initiative, _, _ = report_file(
                    organization=orgs[i], user=member, data=data, join=initiative
                )
        if initiative is None:
            continue
        if status not in ("introduced", "unknown"):
            initiative_set_status(initiative=initiative, status=status, by=staff)
        if verified and staff:
            initiative_verify(initiative=initiative, by=staff)
            Initiative.objects.filter(pk=initiative.pk).update(position=position)
    return [member]


# Best practices and coalition updates

# title, organization index, level, state, place, topic slugs, accepted
DEMO_PRACTICES = [
    ("Peer-run evening warmline", 0, "city", "MA", "Boston", ["peer-support", "crisis-988"], True),
    ("Crisis teams that ride with EMS", 2, "county", "OH", "Cuyahoga County", ["crisis-988"], True),
    ("Recovery coaches in the emergency room", 1, "state", "AZ", "", ["substance-use"], True),
    (
        "Family navigators for school referrals",
        3,
        "city",
        "TX",
        "Houston",
        ["children-youth"],
        False,
    ),
]

DEMO_UPDATES = [
    (
        "988 funding passed the Senate",
        "The 988 funding bill passed the Senate on Tuesday. "
        "Please thank your senators and ask your members to do the same this week.",
    ),
    (
        "New peer-support certification guide",
        "The coalition's guide to peer-support "
        "certification is ready. It explains the steps state by state in plain words.",
    ),
]


def seed_practices() -> None:
    """A few shared practices, one waiting for review, and two updates to pass on."""
    orgs = [_organization(*row) for row in DEMO_ORGANIZATIONS]
    staff = User.objects.filter(is_staff=True).order_by("pk").first()
    topics = {t.slug: t for t in Topic.objects.all()}
    for title, org_index, level, state, place, slugs, accepted in DEMO_PRACTICES:
        if Practice.objects.filter(title=title).exists():
            continue
        membership = Membership.objects.filter(organization=orgs[org_index]).first()
        practice = Practice.objects.create(
            organization=orgs[org_index],
            submitted_by=membership.user if membership else None,
            title=title,
            problem="People in crisis waited too long for help that fit them.",
            what_was_done=f"{title}: a demo description of what the partner did.",
            level=level,
            state=state,
            jurisdiction=place,
            population="Adults and families in the area the partner serves",
            results="Early results are encouraging; a demo summary.",
            status=Practice.Status.SUBMITTED,
            submitted_at=timezone.now(),
            name_publicly=accepted,
        )
        practice.topics.set([topics[s] for s in slugs if s in topics])
        Practice.objects.filter(pk=practice.pk).reindex()
        if accepted and staff:
            practice_accept(practice=practice, reviewer=staff, note="Thank you for sharing.")
    for title, body in DEMO_UPDATES:
        CoalitionUpdate.objects.get_or_create(
            title=title,
            defaults={"body": body, "is_published": True, "published_at": timezone.now()},
        )
