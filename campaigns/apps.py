from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "Campaigns"

    def ready(self):
        from . import call_pages, dashboard, legislation

        dashboard.connect_signals()
        call_pages.connect_signals()
        legislation.connect_signals()
