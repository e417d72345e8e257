from celery import shared_task
from django.utils import timezone

from .models import CallAnnouncement, CallMinutesEmail
from .services import announcement_send
from .services.followups import (
    call_reminders_due,
    call_reminders_send,
    minutes_send,
    update_email_send,
    update_emails_due,
)
from .staff_news import staff_digests_send


@shared_task
def send_call_announcement(announcement_id: int) -> None:
    """Email one call announcement; running it again sends nothing again."""
    announcement_send(announcement_id=announcement_id)


@shared_task
def send_pending_call_announcements() -> None:
    """Safety net for announcements whose task was lost (Redis down at publication)."""
    for pk in CallAnnouncement.objects.filter(sent_at__isnull=True).values_list("pk", flat=True):
        announcement_send(announcement_id=pk)


@shared_task
def send_staff_digests() -> None:
    """Today's digest for each staff person who chose one; running it again sends nothing."""
    staff_digests_send(day=timezone.localdate())


@shared_task
def send_call_minutes(minutes_email_id: int) -> None:
    minutes_send(minutes_email_id=minutes_email_id)


@shared_task
def send_update_email(update_id: int) -> None:
    update_email_send(update_id=update_id)


@shared_task
def send_campaign_followups() -> None:
    """The beat sweep: minutes whose task was lost, updates that became due by email, and
    the day-before reminders of calls starting within a day. Safe to run twice."""
    for pk in CallMinutesEmail.objects.filter(sent_at__isnull=True).values_list("pk", flat=True):
        minutes_send(minutes_email_id=pk)
    for pk in update_emails_due():
        update_email_send(update_id=pk)
    for pk in call_reminders_due(timezone.now()):
        call_reminders_send(call_id=pk)
