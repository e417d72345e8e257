from django.apps import AppConfig


class CoalitionConfig(AppConfig):
    name = "coalition"
    verbose_name = "Coalition"

    def ready(self) -> None:
        from post_office.signals import email_queued

        from . import tasks

        email_queued.connect(tasks.queue_mail_delivery, dispatch_uid="coalition-mail-delivery")

        # The pledge reminder says what still counts this month; campaigns knows what that is.
        from campaigns.hooks import upcoming_for_month, update_reach_table
        from pledges.hooks import register_health_table, register_upcoming

        register_upcoming(upcoming_for_month)
        # The coalition-health page shows how far shared coalition updates reached.
        register_health_table(update_reach_table)
