"""A person's campaigns data for their download. Deletion needs nothing more here:
RSVPs and the calendar feed go with the user (CASCADE); reports, practices, "we tried
this" marks and shared updates stay with the organization, unattributed (SET_NULL)."""

from typing import Any

from .models import CalendarFeedToken, CallRSVP, Practice, PracticeTried, Report, UpdateShare


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
        "practices_shared": [
            {
                "title": p.title,
                "status": p.get_status_display(),
                "created": p.created_at.isoformat(),
            }
            for p in Practice.objects.filter(submitted_by=user)
        ],
        "practices_tried": [
            {"practice": t.practice.title, "note": t.note, "marked": t.created_at.isoformat()}
            for t in PracticeTried.objects.filter(tried_by=user).select_related("practice")
        ],
        "updates_shared": [
            {"update": s.update.title, "reach": s.reach, "shared": s.created_at.isoformat()}
            for s in UpdateShare.objects.filter(shared_by=user).select_related("update")
        ],
    }
