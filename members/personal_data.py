"""What a person's data download holds, gathered from every app without members importing them.

Apps that keep rows about a person register a provider from the project level
(`coalition/apps.py`); members registers its own here.
"""

from collections.abc import Callable
from typing import Any

Provider = Callable[[Any], dict[str, Any]]
# Called inside the deletion's transaction with the user and their lower-cased addresses,
# for personal data that foreign keys do not reach (addresses kept as text).
Eraser = Callable[[Any, set[str]], None]

_providers: list[Provider] = []
_erasers: list[Eraser] = []


def register(provider: Provider | None = None, *, eraser: Eraser | None = None) -> None:
    if provider and provider not in _providers:
        _providers.append(provider)
    if eraser and eraser not in _erasers:
        _erasers.append(eraser)


def providers() -> list[Provider]:
    return list(_providers)


def erasers() -> list[Eraser]:
    return list(_erasers)


def _when(value) -> str | None:
    return value.isoformat() if value else None


def members_data(user) -> dict[str, Any]:
    from allauth.account.models import EmailAddress

    from .models import Membership

    membership = Membership.objects.filter(user=user).select_related("organization").first()
    return {
        "account": {
            "email": user.email,
            "name": user.name,
            "pronouns": user.pronouns,
            "joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user)
            ],
        },
        "memberships": [
            {
                "organization": membership.organization.name,
                "role": membership.get_role_display(),
                "receives_reminders": membership.receives_reminders,
                "since": _when(membership.created_at),
            }
        ]
        if membership
        else [],
        "applications": [
            {
                "organization_name": a.name,
                "status": a.get_status_display(),
                "submitted": _when(a.submitted_at),
                "description": a.description,
                "reason": a.reason,
                "reason_given_to_you": a.decision_reason,
            }
            for a in user.applications.all()
        ],
    }


register(members_data)
