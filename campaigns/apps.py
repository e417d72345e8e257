from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "Campaigns"

    def ready(self):
        from . import dashboard, legislation

        dashboard.connect_signals()
        legislation.connect_signals()
