"""Twelve months of demo history for whatever demo organizations exist; adds nothing twice.

Each demo partner follows a pattern, oldest month first and this month last: M met,
X missed, E excused by staff, . not yet this month. So the dashboard strip, the streaks, the
staff grid and its chart all show real shapes: long streaks, excused months, partners at risk.
"""

import datetime

from django.utils import timezone

from members.models import Organization, User

from .models import Activity, PledgePause, month
from .status import months_back

KINDS = list(Activity.Kind.values)

PATTERNS = {
    "harbor": "MMMMMMMMMMMM",  # never missed a month
    "desert": "MMMMMMMMMXX.",  # two missed in a row: at risk
    "lonestar": "MMMEMMMMEMMM",  # excused twice, streak unbroken
    "baycrisis": "MMMMMXMMMMMM",
    "greatlakes": "MXMMXMXMMMX.",
    "piedmont": "MMMMMM",  # joined six months ago
    "rockies": "MMMMMMEMMMMX.",
}
OTHERS = "MMXMMMMMXMM."

SUMMARIES = [
    "Joined the monthly strategy call and shared the notes with our members.",
    "Posted the coalition's update in our newsletter to about 400 readers.",
    "Met our state senator's staff about the crisis-line funding bill.",
    "Hosted a discussion on putting peer respite into practice.",
    "Told the coalition about a new county ordinance on crisis response.",
]


def _history(organization: Organization, pattern: str, today: datetime.date) -> list:
    """(month, letter) for the months since the organization joined, newest last."""
    months = months_back(len(pattern), today=today)
    joined = month(organization.joined_on)
    pairs = zip(months, pattern, strict=True)
    return [(first, letter) for first, letter in pairs if first >= joined]


def seed() -> int:
    """Give each active organization its history; returns how many activities were added."""
    today = timezone.localdate()
    staff = User.objects.filter(is_staff=True).order_by("pk").first()
    created = 0
    for index, organization in enumerate(Organization.objects.active().order_by("pk")):
        if organization.activities.exists():
            continue
        logger = organization.memberships.order_by("pk").first()
        for offset, (first, letter) in enumerate(
            _history(organization, PATTERNS.get(organization.slug, OTHERS), today)
        ):
            if letter == "E":
                PledgePause.objects.get_or_create(
                    organization=organization,
                    month=first,
                    defaults={"reason": "Staff changes this month.", "granted_by": staff},
                )
            if letter != "M":
                continue
            day = min(first + datetime.timedelta(days=(index * 3 + offset) % 25), today)
            Activity.objects.create(
                organization=organization,
                kind=KINDS[(index + offset) % len(KINDS)],
                occurred_on=day,
                summary=SUMMARIES[(index + offset) % len(SUMMARIES)],
                logged_by=logger.user if logger else None,
            )
            created += 1
    return created
