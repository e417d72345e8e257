"""Figures about the coalition that anyone may see: counts and the map, no private detail."""

from django.db.models import Count

from .models import Organization
from .states import state_tiles


def partner_figures() -> dict:
    """How many active partners in how many states, and the map of listed partners."""
    totals = Organization.objects.active().aggregate(
        partners=Count("pk"), states=Count("state", distinct=True)
    )
    listed = Organization.objects.listed().values_list("state").annotate(n=Count("pk"))
    return {**totals, "tiles": state_tiles(dict(listed.order_by()))}
