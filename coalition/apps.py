from django.apps import AppConfig


class CoalitionConfig(AppConfig):
    name = "coalition"
    verbose_name = "Coalition"

    def ready(self) -> None:
        from post_office.signals import email_queued

        from . import tasks

        email_queued.connect(tasks.queue_mail_delivery, dispatch_uid="coalition-mail-delivery")
