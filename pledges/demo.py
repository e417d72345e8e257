"""Demo activities for whatever demo organizations exist; adds nothing twice."""

import datetime

from django.utils import timezone

from members.models import Organization

from .models import Activity, month
from .status import months_back

KINDS = list(Activity.Kind.values)


def seed() -> int:
    """Give each active organization a believable history over the last months."""
    today = timezone.localdate()
    created = 0
    for index, organization in enumerate(Organization.objects.active().order_by("pk")):
        if organization.activities.exists():
            continue
        for offset, first in enumerate(months_back(6, today=today)[:-1]):
            if first < month(organization.joined_on):
                continue
            # Most organizations take part most months; a few miss some, so the staff
            # grid shows every status and some organizations at risk.
            if (index + offset) % (3 if index % 4 == 3 else 7) == 0:
                continue
            Activity.objects.create(
                organization=organization,
                kind=KINDS[(index + offset) % len(KINDS)],
                occurred_on=first + datetime.timedelta(days=(index * 3 + offset) % 25),
                summary="Joined the coalition activity and shared the notes with our members.",
                logged_by=organization.memberships.order_by("pk").first().user
                if organization.memberships.exists()
                else None,
            )
            created += 1
    return created
