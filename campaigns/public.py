"""What the coalition is doing, for its public pages: public fields only, as plain values."""

import datetime

from django.utils.translation import gettext as _

from .models import Initiative, Practice, StrategyCall


def next_call(now: datetime.datetime) -> dict | None:
    """The next published strategy call's topic and time, or None."""
    return (
        StrategyCall.objects.published()
        .upcoming(now)
        .order_by("starts_at", "pk")
        .values("title", "starts_at")
        .first()
    )


def latest_verified_initiatives(limit: int = 4) -> list[dict]:
    """The newest initiatives staff verified, with the coalition's position."""
    rows = Initiative.objects.filter(review_state=Initiative.ReviewState.VERIFIED).order_by(
        "-verified_at", "-pk"
    )[:limit]
    return [
        {
            "title": row.title,
            "where": row.get_state_display() if row.state else _("Federal"),
            "status": row.get_status_display(),
            "position": row.get_position_display(),
        }
        for row in rows.only("title", "state", "level", "status", "position")
    ]


def latest_public_practices(limit: int = 3) -> list[dict]:
    """Accepted practices whose organizations agreed to be named publicly."""
    rows = (
        Practice.objects.accepted()
        .filter(name_publicly=True)
        .order_by("-submitted_at", "-pk")
        .values("title", "organization__name")[:limit]
    )
    return [{"title": row["title"], "organization": row["organization__name"]} for row in rows]
