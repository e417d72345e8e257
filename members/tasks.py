from celery import shared_task
from django.utils import timezone

from .models import Session


@shared_task
def clear_expired_sessions() -> int:
    """Remove sessions past their expiry (never read again), as `manage.py clearsessions`
    does; running it twice removes nothing twice."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
