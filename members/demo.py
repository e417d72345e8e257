"""Demo partners, people and applications for `manage.py seed_demo`; safe to run again."""

import datetime

from allauth.account.models import EmailAddress
from django.utils import timezone

from .models import FocusArea, Membership, Organization, PartnershipApplication, User

PARTNERS = [
    ("Harbor Peer Network", "harbor", "peer_run", "Boston", "MA", ["peer-support", "recovery"]),
    ("Desert Recovery Alliance", "desert", "provider", "Phoenix", "AZ", ["substance-use"]),
    ("Lone Star Nurses Association", "lonestar", "union", "Austin", "TX", ["workforce"]),
    ("Bay Area Crisis Line", "baycrisis", "provider", "Oakland", "CA", ["crisis-988"]),
    ("Great Lakes Parity Project", "greatlakes", "advocacy", "Chicago", "IL", ["parity"]),
    ("Piedmont Youth Voices", "piedmont", "community", "Durham", "NC", ["youth", "housing"]),
    ("Rocky Mountain Research Group", "rockies", "research", "Denver", "CO", ["research"]),
    (
        "Sunshine County Behavioral Health",
        "sunshine",
        "agency",
        "Tampa",
        "FL",
        ["criminal-legal-diversion"],
    ),
]

# A partner that writes in Spanish, whose member reads the portal and its emails in Spanish.
SPANISH = "desert"
SPANISH_DESCRIPTION = "Desert Recovery Alliance acompaña la recuperación de adicciones en Phoenix."

# How long ago each demo partner joined, so the history shows long streaks and a newcomer.
MONTHS_SINCE_JOINING = {
    "harbor": 14, "desert": 14, "lonestar": 13, "baycrisis": 12,
    "greatlakes": 9, "piedmont": 6, "rockies": 14, "sunshine": 0,
}  # fmt: skip

APPLICATIONS = [
    ("Prairie Wellness Circle", "prairie", "NE", "submitted", ""),
    ("Evergreen Peer Warmline", "evergreen", "WA", "submitted", ""),
    (
        "Bayou Family Advocates",
        "bayou",
        "LA",
        "needs_info",
        "Could you tell us who leads your board?",
    ),
    (
        "Granite Recovery Homes",
        "granite",
        "NH",
        "declined",
        "For now the coalition only adds organizations whose main work is mental health.",
    ),
]


def _user(
    email: str, name: str, password: str, *, staff: bool = False, language: str = "en"
) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"name": name, "is_staff": staff, "is_superuser": staff, "language": language},
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _months_ago(count: int) -> datetime.date:
    first = timezone.localdate().replace(day=1)
    year, month = divmod(first.year * 12 + first.month - 1 - count, 12)
    return datetime.date(year, month + 1, 1)


def seed(*, password: str) -> list[tuple[str, str]]:
    """Create what is missing; return (email, description) of each demo login."""
    logins = []
    reviewer = User.objects.filter(is_staff=True).order_by("pk").first()
    for name, key, kind, city, state, areas in PARTNERS:
        org, _ = Organization.objects.get_or_create(
            slug=key,
            defaults={
                "name": name,
                "type": kind,
                "city": city,
                "state": state,
                "description": SPANISH_DESCRIPTION
                if key == SPANISH
                else f"{name} works on mental-health reform in {city}.",
                "language": "es" if key == SPANISH else "en",
                "network_size": 150 + 40 * len(name),
                "joined_on": _months_ago(MONTHS_SINCE_JOINING[key]),
                "listed_in_directory": key != "sunshine",
            },
        )
        org.focus_areas.add(*FocusArea.objects.filter(slug__in=areas))
        people = {}
        for role in (Membership.Role.ADMIN, Membership.Role.MEMBER):
            email = f"{key}.{role}@partners.example"
            spanish = key == SPANISH and role == Membership.Role.MEMBER
            language = "es" if spanish else "en"
            people[role] = _user(
                email, f"{name.split()[0]} {role.title()}", password, language=language
            )
            Membership.objects.get_or_create(
                user=people[role], defaults={"organization": org, "role": role}
            )
            logins.append((email, f"{role} of {name}" + (", reads Spanish" if spanish else "")))
        PartnershipApplication.objects.get_or_create(
            applicant=people[Membership.Role.ADMIN],
            organization=org,
            defaults={
                "name": name, "type": kind, "city": city, "state": state,
                "description": org.description, "network_size": org.network_size,
                "reason": "To stand with others on mental-health reform.",
                "pledge_build_capacity": True, "pledge_engage": True,
                "pledge_advocate": True, "pledge_advise": True,
                "status": "approved", "reviewer": reviewer, "decided_at": timezone.now(),
            },
        )  # fmt: skip
    for name, key, state, status, reason in APPLICATIONS:
        email = f"{key}.applicant@applicants.example"
        applicant = _user(email, f"{name.split()[0]} Applicant", password)
        PartnershipApplication.objects.get_or_create(
            applicant=applicant,
            name=name,
            defaults={
                "type": "peer_run", "city": "", "state": state,
                "description": f"{name} brings people together around recovery.",
                "network_size": 90, "reason": "We want a voice in state policy.",
                "pledge_build_capacity": True, "pledge_engage": True,
                "pledge_advocate": True, "pledge_advise": True,
                "status": status, "decision_reason": reason,
                "reviewer": reviewer if status != "submitted" else None,
                "decided_at": timezone.now() if status == "declined" else None,
                "staff_notes": "Demo note: staff only.",
            },
        )  # fmt: skip
        logins.append((email, f"applicant ({status.replace('_', ' ')})"))
    return logins
