"""Demo legislative initiatives for `make run`; safe to run again."""

import contextlib
import datetime
from collections.abc import Callable

from django.utils import timezone

from members.models import Membership, Organization, User

from .models import Initiative, Topic
from .services import AlreadyReported, initiative_set_status, initiative_verify, report_file

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
