import tempfile
from pathlib import Path

from celery import shared_task
from post_office.mail import send_queued_mail_until_done

# post_office holds a file lock so two deliveries on one machine never overlap.
MAIL_LOCK = str(Path(tempfile.gettempdir()) / "coalition-post-office")


@shared_task
def send_queued_mail() -> None:
    """Deliver every queued email row; safe to run any number of times."""
    send_queued_mail_until_done(lockfile=MAIL_LOCK)


def queue_mail_delivery(sender, **kwargs) -> None:
    """Ask a worker to deliver right after commit; the beat sweep is the safety net."""
    send_queued_mail.delay_on_commit()
