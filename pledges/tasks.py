import datetime

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from .care import care_sweep
from .models import month
from .services import reminder_stage_due, reminder_sweep


# A database outage retries the sweep with backoff instead of losing it.
@shared_task(
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=20,
)
def send_pledge_reminders(stage: str | None = None) -> int:
    """The daily beat task: send whichever reminder stage is due today. Safe to rerun."""
    today = timezone.localdate()
    stage = stage or reminder_stage_due(today)
    if stage is None:
        return 0
    first: datetime.date = month(today)
    return sum(item.sent for item in reminder_sweep(first=first, stage=stage, today=today))


@shared_task(
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=20,
)
def send_care_emails() -> int:
    """The daily beat task: one kind email per episode of missed months. Safe to rerun."""
    return care_sweep(today=timezone.localdate())
