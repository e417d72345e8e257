"""A person's pledge data for their download, and what deleting their account scrubs."""

from typing import Any

from .models import Activity, CareEmail, EmailPreference, PauseRequest, Reminder


def export(user) -> dict[str, Any]:
    preference = EmailPreference.for_user(user)
    return {
        "activities_logged": [
            {
                "type": a.get_kind_display(),
                "date": a.occurred_on.isoformat(),
                "summary": a.summary,
                "link": a.link,
            }
            for a in Activity.objects.filter(logged_by=user).order_by("occurred_on", "pk")
        ],
        "email_preferences": {
            "monthly_pledge_reminders": preference.reminders,
            "strategy_call_emails": preference.call_emails,
            "coalition_update_emails": preference.updates,
        },
        "excused_month_requests": [
            {
                "months": r.months_label(),
                "reason": r.get_reason_display(),
                "details": r.details,
                "status": r.get_status_display(),
            }
            for r in PauseRequest.objects.filter(requested_by=user).order_by("created_at")
        ],
    }


def erase(user, addresses: set[str]) -> None:
    """Reminders and care emails are the organization's record of a send; the person's
    address goes."""
    for address in addresses:
        for model in (Reminder, CareEmail):
            for sent in model.objects.filter(recipients__icontains=address):
                lines = sent.recipients.splitlines()
                sent.recipients = "\n".join(x for x in lines if x.strip().lower() != address)
                sent.save(update_fields=["recipients"])
