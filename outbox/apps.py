from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = "Outbox"

    def ready(self) -> None:
        from post_office.signals import email_queued

        from . import tasks

        email_queued.connect(tasks.queue_mail_delivery, dispatch_uid="outbox-mail-delivery")
