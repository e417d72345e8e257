from celery import shared_task
from django.core.management import call_command


@shared_task
def clear_expired_sessions() -> None:
    """Remove sessions past their expiry (never read again); running it twice is harmless."""
    call_command("clearsessions")
