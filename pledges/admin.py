from django import forms
from django.contrib import admin, messages

from members.admin_widgets import AccessibleAdmin

from .excused import PauseRequestError, pause_request_approve, pause_request_decline
from .models import (
    Activity,
    CareEmail,
    EmailPreference,
    PauseRequest,
    PledgeExport,
    PledgePause,
    Reminder,
    month,
)


@admin.register(Activity)
class ActivityAdmin(AccessibleAdmin, admin.ModelAdmin):
    list_display = ["organization", "kind", "occurred_on", "is_credit", "logged_by"]
    list_filter = ["kind", "occurred_on"]
    search_fields = ["organization__name", "summary"]
    date_hierarchy = "occurred_on"
    raw_id_fields = ["organization", "logged_by"]
    readonly_fields = ["source_type", "source_id", "created_at"]
    list_select_related = ["organization", "logged_by"]

    @admin.display(boolean=True, description="credited")
    def is_credit(self, obj: Activity) -> bool:
        return obj.is_credit


class PledgePauseForm(forms.ModelForm):
    class Meta:
        model = PledgePause
        fields = ["organization", "month", "reason"]
        help_texts = {"month": "Any day of the month to excuse; it is stored as the first day."}

    def clean_month(self):
        return month(self.cleaned_data["month"])


@admin.register(PledgePause)
class PledgePauseAdmin(AccessibleAdmin, admin.ModelAdmin):
    form = PledgePauseForm
    list_display = ["organization", "month", "reason", "granted_by", "created_at"]
    list_filter = ["month"]
    search_fields = ["organization__name", "reason"]
    raw_id_fields = ["organization"]
    list_select_related = ["organization", "granted_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Reminder)
class ReminderAdmin(AccessibleAdmin, admin.ModelAdmin):
    """Every reminder sent, read-only: the sweep is the only writer."""

    list_display = ["organization", "month", "stage", "created_at", "recipient_count", "delivery"]
    list_filter = ["stage", "month"]
    search_fields = ["organization__name", "recipients"]
    list_select_related = ["organization"]
    readonly_fields = ["organization", "month", "stage", "recipients", "created_at", "emails_sent"]
    exclude = ["emails"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("emails")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="recipients")
    def recipient_count(self, obj: Reminder) -> int:
        return len(obj.recipients.split())

    @admin.display(description="delivery")
    def delivery(self, obj: Reminder) -> str:
        statuses = [
            e.get_status_display() if e.status is not None else "Queued" for e in obj.emails.all()
        ]
        return ", ".join(statuses) or "Nobody to send to"

    @admin.display(description="emails")
    def emails_sent(self, obj: Reminder) -> str:
        return "\n".join(
            f"{', '.join(e.to)}: {e.get_status_display() if e.status is not None else 'Queued'}"
            for e in obj.emails.all()
        )


@admin.register(EmailPreference)
class EmailPreferenceAdmin(AccessibleAdmin, admin.ModelAdmin):
    list_display = ["user", "reminders", "call_emails", "updated_at"]
    list_filter = ["reminders", "call_emails"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]


@admin.register(PledgeExport)
class PledgeExportAdmin(AccessibleAdmin, admin.ModelAdmin):
    list_display = ["exported_at", "exported_by", "row_count", "query"]
    readonly_fields = ["exported_at", "exported_by", "row_count", "query"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class PauseRequestDecisionForm(forms.ModelForm):
    decision = forms.ChoiceField(
        choices=[("", "Leave it waiting"), ("approve", "Approve"), ("decline", "Decline")],
        required=False,
        help_text="Approving excuses every month asked for; the partner is emailed either way.",
    )

    class Meta:
        model = PauseRequest
        fields = ["decision_note"]

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not data.get("decision_note", "").strip():
            self.add_error("decision_note", "Please tell the partner why, in a sentence.")
        return data


@admin.register(PauseRequest)
class PauseRequestAdmin(AccessibleAdmin, admin.ModelAdmin):
    """Partners' requests for excused months; staff decide on the object page or in bulk."""

    form = PauseRequestDecisionForm
    list_display = ["organization", "months_label", "reason", "status", "created_at"]
    list_filter = ["status", "reason"]
    search_fields = ["organization__name"]
    list_select_related = ["organization"]
    readonly_fields = [
        "organization",
        "months_label",
        "reason",
        "details",
        "requested_by",
        "status",
        "decided_by",
        "decided_at",
        "created_at",
    ]
    actions = ["approve"]

    def has_add_permission(self, request):
        return False

    def get_fields(self, request, obj=None):
        editable = ["decision", "decision_note"] if obj and obj.status == "pending" else []
        return [*self.readonly_fields, *editable]

    def get_readonly_fields(self, request, obj=None):
        if obj and obj.status != "pending":
            return [*self.readonly_fields, "decision_note"]
        return self.readonly_fields

    @admin.display(description="months")
    def months_label(self, obj: PauseRequest) -> str:
        return obj.months_label()

    def save_model(self, request, obj, form, change):
        decision = form.cleaned_data.get("decision")
        note = form.cleaned_data.get("decision_note", "")
        try:
            if decision == "approve":
                pause_request_approve(pause_request=obj, reviewer=request.user, note=note)
            elif decision == "decline":
                pause_request_decline(pause_request=obj, reviewer=request.user, note=note)
            else:
                obj.save(update_fields=["decision_note"])
        except PauseRequestError as exc:
            self.message_user(request, str(exc), messages.ERROR)

    @admin.action(description="Approve the selected requests", permissions=["change"])
    def approve(self, request, queryset):
        approved = 0
        for pause_request in queryset.filter(status=PauseRequest.Status.PENDING):
            pause_request_approve(pause_request=pause_request, reviewer=request.user)
            approved += 1
        self.message_user(request, f"{approved} request{'s' if approved != 1 else ''} approved.")


@admin.register(CareEmail)
class CareEmailAdmin(AccessibleAdmin, admin.ModelAdmin):
    """Care emails the sweep sent; staff note their follow-up here."""

    list_display = ["organization", "episode_start", "created_at", "follow_up"]
    search_fields = ["organization__name", "follow_up"]
    list_select_related = ["organization"]
    fields = ["organization", "episode_start", "created_at", "recipients", "follow_up"]
    readonly_fields = ["organization", "episode_start", "created_at", "recipients"]

    def has_add_permission(self, request):
        return False
