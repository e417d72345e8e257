from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "Campaigns"

    def ready(self):
        from pledges.services import organization_pledge_changed

        from . import call_pages, dashboard, legislation
        from .models import DayOfActionParticipation, UpdateShare

        # Kept with the organization's pledge summary on its dashboard (coalition.dashboard).
        for model in (DayOfActionParticipation, UpdateShare):
            for signal in (post_save, post_delete):
                signal.connect(
                    organization_pledge_changed, sender=model, dispatch_uid=f"answers-{model}"
                )
        dashboard.connect_signals()
        call_pages.connect_signals()
        legislation.connect_signals()
