from django.apps import AppConfig
from django.db.models.signals import post_delete


class PledgesConfig(AppConfig):
    name = "pledges"
    verbose_name = "Pledges"

    def ready(self) -> None:
        from members.hooks import register_approved
        from members.models import Organization

        from .care import care_table
        from .hooks import register_health_table
        from .referrals import referral_credit, referral_table, referral_uncredit

        # Approving a referred application credits the partner that recruited it.
        register_approved(referral_credit)
        # The credit cites the new organization: deleting it takes the credit back.
        post_delete.connect(referral_uncredit, sender=Organization, dispatch_uid="referral")
        register_health_table(referral_table)
        register_health_table(care_table)
