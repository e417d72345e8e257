from django.contrib import admin

from .models import MailHandoff


@admin.register(MailHandoff)
class MailHandoffAdmin(admin.ModelAdmin):
    """Emails staff must look at: outcome unknown (worker died mid-send) or refused."""

    list_display = ["email", "recipient", "state", "started_at", "attempted_at"]
    list_filter = ["state"]
    list_select_related = ["email"]
    readonly_fields = ["email", "state", "started_at", "attempted_at", "detail"]

    @admin.display(description="to")
    def recipient(self, obj: MailHandoff) -> str:
        return ", ".join(obj.email.to)

    def has_add_permission(self, request) -> bool:
        return False
