"""The named hooks through which other apps follow what happens in members.

`members` imports no other app: pledges registers here, in its AppConfig.ready, what an
approval means for a pledge (the referring partner's recruiting credit).
"""

from collections.abc import Callable

from .models import Organization, PartnershipApplication

Approved = Callable[..., None]
_approved: list[Approved] = []


def register_approved(func: Approved) -> Approved:
    """Call `func(application=..., organization=...)` inside every approval's transaction."""
    if func not in _approved:
        _approved.append(func)
    return func


def application_approved(
    *, application: PartnershipApplication, organization: Organization
) -> None:
    for func in _approved:
        func(application=application, organization=organization)
