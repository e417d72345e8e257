from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = "Outbox"

    def ready(self) -> None:
        from allauth.account.signals import email_changed, email_confirmed
        from post_office.signals import email_queued

        from . import suppression, tasks

        email_queued.connect(tasks.queue_mail_delivery, dispatch_uid="outbox-mail-delivery")
        email_confirmed.connect(suppression.lift_on_confirmed, dispatch_uid="outbox-lift-confirmed")
        email_changed.connect(suppression.lift_on_changed, dispatch_uid="outbox-lift-changed")
