from celery import shared_task
from django.db import InterfaceError, OperationalError

from .delivery import mail_deliver_queued


@shared_task(
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=20,
)
def send_queued_mail() -> dict:
    """Deliver every queued email row; safe to run any number of times, even at once.

    A database outage retries the task with backoff instead of dropping it; beat's sweep
    is the safety net either way."""
    return dict(mail_deliver_queued())


def queue_mail_delivery(sender, **kwargs) -> None:
    """Ask a worker to deliver right after commit; the beat sweep is the safety net."""
    send_queued_mail.delay_on_commit()
