"""Addresses bulk mail skips after a hard bounce, until the person vouches for them again."""

from collections.abc import Iterable

from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower

from .models import Suppression


def suppressed(field: str = "email") -> Exists:
    """True for rows whose `field` holds a suppressed address: `.exclude(suppressed(...))`."""
    return Exists(Suppression.objects.filter(address=Lower(OuterRef(field))))


def suppressed_among(addresses: Iterable[str]) -> set[str]:
    """The suppressed ones of `addresses`, in lower case."""
    wanted = {address.lower() for address in addresses}
    if not wanted:
        return set()
    return set(Suppression.objects.filter(address__in=wanted).values_list("address", flat=True))


def suppress(*, addresses: Iterable[str], detail: str = "", email_id: int | None = None) -> None:
    """Suppress each address after a hard bounce; one already suppressed keeps its date."""
    Suppression.objects.bulk_create(
        [
            Suppression(address=address.lower(), detail=detail, email_id=email_id)
            for address in sorted({a.lower() for a in addresses})
        ],
        ignore_conflicts=True,
    )


def suppression_lift(*, address: str) -> int:
    """Take the address off the list; returns how many rows went (0 or 1)."""
    deleted, _ = Suppression.objects.filter(address=address.lower()).delete()
    return deleted


def lift_on_confirmed(sender, *, email_address, **kwargs) -> None:
    """allauth's email_confirmed: the person just showed the address receives mail."""
    suppression_lift(address=email_address.email)


def lift_on_changed(sender, *, to_email_address, **kwargs) -> None:
    """allauth's email_changed: the person chose this address (again) as their primary one."""
    if to_email_address is not None:
        suppression_lift(address=to_email_address.email)
