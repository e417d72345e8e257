"""A person's campaigns data for their download. Deletion needs nothing more here:
RSVPs and the calendar feed go with the user (CASCADE), reports stay unattributed."""

from typing import Any

from .models import CalendarFeedToken, CallRSVP, Report


def export(user) -> dict[str, Any]:
    return {
        "rsvps": [
            {"call": r.call.title, "starts_at": r.call.starts_at.isoformat(), "going": r.attending}
            for r in CallRSVP.objects.filter(user=user).select_related("call")
        ],
        "reports_filed": [
            {
                "initiative": r.initiative.title,
                "suggested_position": r.get_suggested_position_display(),
                "note": r.note,
                "filed": r.created_at.isoformat(),
            }
            for r in Report.objects.filter(reported_by=user).select_related("initiative")
        ],
        "calendar_feed": CalendarFeedToken.objects.filter(user=user).exists(),
    }
