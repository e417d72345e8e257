from celery import shared_task
from django.utils import timezone

from .models import CallAnnouncement
from .services import announcement_send
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
