from django.contrib import admin
from django.contrib.admin.models import DELETION, LogEntry
from django.utils.html import format_html
from post_office.admin import EmailAdmin
from post_office.models import Email

from members.admin_widgets import AccessibleAdmin
from members.models import PartnershipApplication

from .models import MailHandoff, Suppression
from .suppression import suppression_lift


@admin.register(MailHandoff)
class MailHandoffAdmin(AccessibleAdmin, admin.ModelAdmin):
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


@admin.register(Suppression)
class SuppressionAdmin(AccessibleAdmin, admin.ModelAdmin):
    """Addresses bulk mail skips after a hard bounce; lifting one lets bulk mail go again."""

    list_display = ["address", "reason", "since", "email"]
    list_filter = ["reason", "since"]
    search_fields = ["address"]
    readonly_fields = ["address", "reason", "detail", "since", "email"]
    actions = ["lift"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="Lift: send bulk email to these addresses again")
    def lift(self, request, queryset) -> None:
        self.log_deletions(request, queryset)  # who lifted which, for the record
        lifted = sum(suppression_lift(address=entry.address) for entry in queryset)
        self.message_user(request, f"Lifted {lifted} address(es).")


class ReadOnlyAdmin(AccessibleAdmin, admin.ModelAdmin):
    """A record of what happened: staff read and search it, nobody adds, edits or deletes."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnlyAdmin):
    """Every change staff made in the admin: who, when, to what, and what changed."""

    list_display = ["action_time", "user", "action_flag", "content_type", "object_link", "change"]
    list_filter = ["action_flag", "content_type", "action_time"]
    search_fields = ["object_repr", "change_message", "user__email"]
    date_hierarchy = "action_time"
    list_select_related = ["user", "content_type"]

    @admin.display(description="object", ordering="object_repr")
    def object_link(self, entry: LogEntry) -> str:
        url = entry.get_admin_url() if entry.action_flag != DELETION else ""
        return (
            format_html('<a href="{}">{}</a>', url, entry.object_repr) if url else entry.object_repr
        )

    @admin.display(description="change")
    def change(self, entry: LogEntry) -> str:
        return entry.get_change_message()


@admin.register(PartnershipApplication.history.model)
class ApplicationHistoryAdmin(ReadOnlyAdmin):
    """Each saved version of a partnership application (decisions, notes, edits)."""

    list_display = ["history_date", "history_user", "history_type", "name", "status", "reviewer"]
    list_filter = ["history_type", "status", "history_date"]
    search_fields = ["name", "decision_reason", "staff_notes", "history_user__email"]
    date_hierarchy = "history_date"
    list_select_related = ["history_user", "reviewer"]


# post_office's own admin, with the portal's accessible date-time fields.
admin.site.unregister(Email)


@admin.register(Email)
class OutboxEmailAdmin(AccessibleAdmin, EmailAdmin):
    pass
