"""A person's pledge data for their download, and what deleting their account scrubs."""

from typing import Any

from .models import Activity, EmailPreference, Reminder


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
        },
    }


def erase(user, addresses: set[str]) -> None:
    """Reminders are the organization's record of a send; the person's address goes."""
    for address in addresses:
        for reminder in Reminder.objects.filter(recipients__icontains=address):
            lines = reminder.recipients.splitlines()
            reminder.recipients = "\n".join(x for x in lines if x.strip().lower() != address)
            reminder.save(update_fields=["recipients"])
