from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class PledgesConfig(AppConfig):
    name = "pledges"
    verbose_name = "Pledges"

    def ready(self):
        from .models import Activity, PledgePause
        from .services import organization_pledge_changed

        for model in (Activity, PledgePause):
            for signal in (post_save, post_delete):
                signal.connect(
                    organization_pledge_changed, sender=model, dispatch_uid=f"pledge-{model}"
                )
