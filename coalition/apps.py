from django.apps import AppConfig


class CoalitionConfig(AppConfig):
    name = "coalition"
    verbose_name = "Coalition"

    def ready(self) -> None:
        # The pledge reminder says what still counts this month; campaigns knows what that is.
        from campaigns.hooks import upcoming_for_month, update_reach_table
        from pledges.hooks import register_health_table, register_upcoming

        register_upcoming(upcoming_for_month)
        # The coalition-health page shows how far shared coalition updates reached.
        register_health_table(update_reach_table)

        # A person's data download and account deletion reach every app through members.
        from campaigns import personal_data as campaigns_data
        from members import personal_data
        from pledges import personal_data as pledges_data

        personal_data.register(pledges_data.export, eraser=pledges_data.erase)
        personal_data.register(campaigns_data.export)
