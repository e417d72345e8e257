from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from members.forms import DecisionForm, OverflowSafeMultipleChoiceField
from members.models import Organization

from . import services
from .forms import AttendanceForm
from .models import (
    AgendaItem,
    CallAnnouncement,
    CallAttendance,
    CallRSVP,
    CoalitionUpdate,
    DayOfAction,
    DayOfActionParticipation,
    Initiative,
    InitiativeExport,
    InitiativeStatusChange,
    Practice,
    PracticeTried,
    Report,
    StrategyCall,
    Topic,
    UpdateShare,
)
from .services import (
    credit_sources_delete,
    day_of_action_delete,
    initiative_close,
    initiative_delete,
    initiative_merge,
    initiative_set_status,
    initiative_verify,
    update_delete,
)


class CreditSourceAdmin(admin.ModelAdmin):
    """For rows that credit a pledge: deleting one, or a selection, takes the credit back."""

    def delete_model(self, request, obj) -> None:
        credit_sources_delete(sources=[obj])

    def delete_queryset(self, request, queryset) -> None:
        credit_sources_delete(sources=queryset)


# Strategy calls and days of action


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 1
    ordering = ["position", "pk"]
    fields = [
        "position",
        "topic",
        "presenter",
        "minutes_allotted",
        "notes",
        "standing",
        "initiatives",
        "practices",
    ]
    raw_id_fields = ["initiatives"]  # select2's search box has no label (axe)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs["form_class"] = OverflowSafeMultipleChoiceField
        if db_field.name == "practices":
            kwargs["queryset"] = Practice.objects.accepted().order_by("title")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class AnnouncementInline(admin.TabularInline):
    model = CallAnnouncement
    extra = 0
    can_delete = False
    fields = ["kind", "sequence", "requested_by", "created_at", "sent_at", "recipient_count"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(StrategyCall)
class StrategyCallAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_at", "status", "published_at", "attending_orgs"]
    list_filter = ["status"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"
    inlines = [AgendaItemInline, AnnouncementInline]
    readonly_fields = ["status", "published_at", "created_by", "attendance_link"]
    fieldsets = [
        (None, {"fields": ["title", "starts_at", "duration_minutes", "status", "published_at"]}),
        ("How to join", {"fields": ["join_url", "dial_in"]}),
        ("Accessibility", {"fields": ["captions", "asl", "accessibility_notes"]}),
        ("After the call", {"fields": ["minutes", "recording_url", "attendance_link"]}),
        (None, {"fields": ["created_by"]}),
    ]
    actions = ["publish", "send_agenda_updated", "copy_to_next_month", "cancel", "attendance"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(orgs=Count("attendances"))

    @admin.display(description="organizations attended", ordering="orgs")
    def attending_orgs(self, call: StrategyCall) -> int:
        return call.orgs

    @admin.display(description="attendance")
    def attendance_link(self, call: StrategyCall) -> str:
        if not call.pk:
            return "Save the call first."
        url = reverse("admin:campaigns_strategycall_attendance", args=[call.pk])
        return format_html('<a href="{}">Record which organizations attended</a>', url)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Publish and email the agenda to partners")
    def publish(self, request: HttpRequest, queryset) -> None:
        for call in queryset:
            announced = call.announcements.filter(kind=CallAnnouncement.Kind.PUBLISHED).exists()
            services.call_publish(call=call, by=request.user)
            if announced:
                self.message_user(request, f"“{call.title}” was already announced; no email sent.")
            else:
                self.message_user(request, f"Published “{call.title}”; the agenda email is queued.")

    @admin.action(description="Email partners that the agenda was updated")
    def send_agenda_updated(self, request: HttpRequest, queryset) -> None:
        for call in queryset:
            try:
                services.call_announce_agenda_update(call=call, by=request.user)
            except ValueError as error:
                self.message_user(request, f"“{call.title}”: {error}", messages.ERROR)
            else:
                self.message_user(request, f"The updated agenda of “{call.title}” is on its way.")

    @admin.action(description="Copy to next month as a draft (standing items only)")
    def copy_to_next_month(self, request: HttpRequest, queryset) -> HttpResponse | None:
        copies = [services.call_copy_to_next_month(call=call, by=request.user) for call in queryset]
        self.message_user(request, f"Made {len(copies)} draft call(s) for next month.")
        if len(copies) == 1:
            return redirect("admin:campaigns_strategycall_change", copies[0].pk)
        return None

    @admin.action(description="Cancel the call")
    def cancel(self, request: HttpRequest, queryset) -> None:
        for call in queryset:
            services.call_cancel(call=call, by=request.user)
            self.log_change(request, call, "Cancelled the call")  # who and when, for the record
        self.message_user(
            request,
            "Cancelled. Partners see the call marked as cancelled; if they had been told about"
            " it and it was still to come, they are emailed a cancellation for their calendars.",
        )

    @admin.action(description="Record attendance")
    def attendance(self, request: HttpRequest, queryset) -> HttpResponse | None:
        if queryset.count() != 1:
            self.message_user(request, "Choose one call to record attendance.", messages.ERROR)
            return None
        return redirect("admin:campaigns_strategycall_attendance", queryset.get().pk)

    def get_urls(self):
        return [
            path(
                "<int:pk>/attendance/",
                self.admin_site.admin_view(self.attendance_view),
                name="campaigns_strategycall_attendance",
            ),
            *super().get_urls(),
        ]

    def attendance_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        call = get_object_or_404(StrategyCall, pk=pk)
        if not self.has_change_permission(request, call):
            raise PermissionDenied
        attended = set(call.attendances.values_list("organization_id", flat=True))
        going = set(call.rsvps.filter(attending=True).values_list("organization_id", flat=True))
        orgs = Organization.objects.filter(
            Q(status=Organization.Status.ACTIVE) | Q(pk__in=attended)
        ).order_by("name")
        if request.method == "POST":
            form = AttendanceForm(request.POST, queryset=orgs)
            if form.is_valid():
                added, removed = services.call_attendance_set(
                    call=call, organizations=form.cleaned_data["organizations"], by=request.user
                )
                self.message_user(
                    request,
                    f"Attendance saved: {added} organization(s) added and credited, "
                    f"{removed} removed.",
                )
                return HttpResponseRedirect(request.path)
        else:
            form = AttendanceForm(queryset=orgs, initial={"organizations": list(attended or going)})
        ctx = {
            **self.admin_site.each_context(request),
            "title": f"Attendance: {call}",
            "call": call,
            "form": form,
            "going": going,
            "attended": attended,
            "orgs": orgs,
            "opts": self.model._meta,
            "from_rsvps": not attended,
        }
        return TemplateResponse(request, "admin/campaigns/strategycall/attendance.html", ctx)


@admin.register(CallRSVP)
class CallRSVPAdmin(admin.ModelAdmin):
    list_display = ["call", "user", "organization", "attending", "updated_at"]
    list_filter = ["attending"]
    list_select_related = ["call", "user", "organization"]
    raw_id_fields = ["call", "user", "organization"]


@admin.register(CallAttendance)
class CallAttendanceAdmin(admin.ModelAdmin):
    list_display = ["call", "organization", "recorded_by", "created_at"]
    list_select_related = ["call", "organization", "recorded_by"]

    def has_add_permission(self, request) -> bool:
        return False  # through the attendance page, so the pledge credit follows

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(DayOfAction)
class DayOfActionAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "is_published", "organizations"]
    list_filter = ["is_published"]
    search_fields = ["title"]
    date_hierarchy = "date"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(orgs=Count("participations"))

    @admin.display(description="organizations took part", ordering="orgs")
    def organizations(self, day: DayOfAction) -> int:
        return day.orgs

    def delete_model(self, request, obj) -> None:
        day_of_action_delete(day=obj)

    def delete_queryset(self, request, queryset) -> None:
        for day in queryset:
            day_of_action_delete(day=day)


@admin.register(DayOfActionParticipation)
class DayOfActionParticipationAdmin(CreditSourceAdmin):
    list_display = ["day", "organization", "recorded_by", "created_at"]
    list_select_related = ["day", "organization", "recorded_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


# Legislation


class ReportInline(admin.TabularInline):
    model = Report
    extra = 0
    can_delete = False
    fields = ["organization", "reported_by", "created_at", "suggested_position", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class StatusChangeInline(admin.TabularInline):
    model = InitiativeStatusChange
    extra = 0
    can_delete = False
    fields = ["changed_at", "from_status", "to_status", "changed_by", "note"]
    readonly_fields = fields
    verbose_name_plural = "status history"

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "bill_number",
        "level",
        "state",
        "status",
        "position",
        "priority",
        "review_state",
        "report_count",
        "created_at",
    ]
    list_editable = ["status", "position", "priority"]
    list_filter = ["review_state", "level", "state", "status", "position", "topics"]
    search_fields = ["title", "bill_number", "bill_number_normalized", "jurisdiction", "summary"]
    readonly_fields = ["review_state", "verified_by", "verified_at", "created_at"]
    formfield_overrides = {
        models.ManyToManyField: {
            "widget": forms.CheckboxSelectMultiple,
            "form_class": OverflowSafeMultipleChoiceField,
        },
        models.URLField: {"assume_scheme": "https"},
    }
    inlines = [ReportInline, StatusChangeInline]
    actions = ["verify", "merge", "close"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(report_count=Count("reports"))

    @admin.display(description="reports", ordering="report_count")
    def report_count(self, obj: Initiative) -> int:
        return obj.report_count

    def save_model(self, request, obj, form, change) -> None:
        new_status = obj.status
        if change and "status" in form.changed_data:
            obj.status = form.initial["status"]
        super().save_model(request, obj, form, change)
        if change:
            initiative_set_status(
                initiative=obj, status=new_status, by=request.user, note="Changed by staff"
            )
            obj.refresh_from_db()
        else:
            InitiativeStatusChange.objects.create(
                initiative=obj, to_status=obj.status, changed_by=request.user, note="Added by staff"
            )
        Initiative.objects.filter(pk=obj.pk).reindex()

    @admin.action(description="Verify (credits each reporting organization once)")
    def verify(self, request, queryset) -> None:
        done = sum(initiative_verify(initiative=i, by=request.user) for i in queryset)
        self.message_user(
            request, f"Verified {done} initiative(s); reporting organizations were credited."
        )

    def delete_model(self, request, obj) -> None:
        initiative_delete(initiative=obj)

    def delete_queryset(self, request, queryset) -> None:
        for initiative in queryset:
            initiative_delete(initiative=initiative)

    @admin.action(description="Close (hide from the tracker; credits already given stay)")
    def close(self, request, queryset) -> None:
        for initiative in queryset:
            initiative_close(initiative=initiative)
            self.log_change(request, initiative, "Closed")  # who and when, for the record
        self.message_user(request, f"Closed {len(queryset)} initiative(s).")

    @admin.action(description="Merge two initiatives into one")
    def merge(self, request, queryset):
        chosen = list(queryset.order_by("created_at")[:3])
        if len(chosen) != 2:
            self.message_user(request, "Select exactly two initiatives to merge.", messages.ERROR)
            return None
        keep_id = request.POST.get("keep")
        if request.POST.get("apply") and keep_id in {str(i.pk) for i in chosen}:
            keep = next(i for i in chosen if str(i.pk) == keep_id)
            other = next(i for i in chosen if i.pk != keep.pk)
            label, other_pk = str(other), other.pk
            initiative_merge(keep=keep, other=other, by=request.user)
            self.log_change(request, keep, f"Merged in #{other_pk} {label}")
            self.message_user(request, f"Merged “{label}” into “{keep}”. Every report was kept.")
            return None
        ctx = {
            **self.admin_site.each_context(request),
            "title": "Merge two initiatives",
            "initiatives": queryset.filter(pk__in=[i.pk for i in chosen])
            .annotate(report_count=Count("reports"))
            .order_by("created_at"),
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/campaigns/initiative/merge.html", ctx)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(InitiativeExport)
class InitiativeExportAdmin(admin.ModelAdmin):
    list_display = ["exported_at", "exported_by", "query", "row_count"]
    readonly_fields = list_display

    def has_add_permission(self, request) -> bool:
        return False


# Best practices and coalition updates

# decision: (button label, service, the service's text argument, text required)
PRACTICE_DECISIONS = {
    "accept": ("Accept and share with partners", services.practice_accept, "note", False),
    "request_changes": ("Ask for changes", services.practice_request_changes, "note", True),
    "decline": ("Decline", services.practice_decline, "reason", True),
}


class TriedInline(admin.TabularInline):
    model = PracticeTried
    extra = 0
    can_delete = False
    fields = ["organization", "tried_by", "note", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Practice)
class PracticeAdmin(CreditSourceAdmin):
    list_display = ["title", "organization", "state", "status", "submitted_at", "view_count"]
    list_filter = ["status", "level", "state", "topics", "name_publicly"]
    list_select_related = ["organization"]
    search_fields = ["title", "organization__name", "problem", "what_was_done"]
    date_hierarchy = "created_at"
    filter_horizontal = ["topics"]
    formfield_overrides = {
        models.ManyToManyField: {"form_class": OverflowSafeMultipleChoiceField},
    }
    inlines = [TriedInline]
    readonly_fields = [
        "organization",
        "submitted_by",
        "status",
        "review_note",
        "reviewer",
        "submitted_at",
        "decided_at",
        "view_count",
    ]
    fieldsets = [
        ("Decision", {"fields": ["status", "review_note", "reviewer", "decided_at"]}),
        (
            "The practice",
            {
                "fields": [
                    "organization",
                    "submitted_by",
                    "submitted_at",
                    "title",
                    "problem",
                    "what_was_done",
                    ("level", "state", "jurisdiction"),
                    "population",
                    "results",
                    "figures",
                    "links",
                    "topics",
                    "name_publicly",
                    "view_count",
                ]
            },
        ),
    ]
    change_form_template = "admin/campaigns/practice/change_form.html"
    actions = ["accept_selected", "request_changes_selected", "decline_selected"]

    def has_add_permission(self, request) -> bool:
        return False  # practices come from partners

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        Practice.objects.filter(pk=obj.pk).reindex()

    def get_urls(self):
        return [
            path(
                "<int:pk>/decide/<str:decision>/",
                self.admin_site.admin_view(self.decide_view),
                name="campaigns_practice_decide",
            ),
            *super().get_urls(),
        ]

    def _decide_page(self, request, practices, decision: str, *, bulk: bool):
        """Ask for the note or reason first; decide only once it is given."""
        label, service, argument, required = PRACTICE_DECISIONS[decision]
        posted = request.POST if "confirm" in request.POST else None
        form = DecisionForm(posted, required=required)
        form.fields["reason"].label = (
            "Reason or note sent to the partner" if required else "A note to the partner (optional)"
        )
        if posted is not None and form.is_valid():
            done = 0
            for practice in practices:
                try:
                    service(
                        practice=practice,
                        reviewer=request.user,
                        **{argument: form.cleaned_data["reason"]},
                    )
                    done += 1
                except services.PracticeError as error:
                    self.message_user(request, str(error), messages.WARNING)
            self.message_user(request, f"{label}: done for {done} practice(s).")
            return None
        ctx = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"{label}: {len(practices)} practice(s)",
            "form": form,
            "practices": practices,
            "decision_label": label,
            "action": f"{decision}_selected" if bulk else "",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/campaigns/practice/decide.html", ctx)

    def decide_view(self, request, pk: int, decision: str) -> HttpResponse:
        if decision not in PRACTICE_DECISIONS:
            raise Http404
        practice = get_object_or_404(Practice, pk=pk)
        if not self.has_change_permission(request, practice):
            raise PermissionDenied
        response = self._decide_page(request, [practice], decision, bulk=False)
        return response or HttpResponseRedirect(
            reverse("admin:campaigns_practice_change", args=[pk])
        )

    @admin.action(description="Accept and share with partners", permissions=["change"])
    def accept_selected(self, request, queryset):
        return self._decide_page(request, list(queryset), "accept", bulk=True)

    @admin.action(description="Ask for changes (asks for a note)", permissions=["change"])
    def request_changes_selected(self, request, queryset):
        return self._decide_page(request, list(queryset), "request_changes", bulk=True)

    @admin.action(description="Decline (asks for a reason)", permissions=["change"])
    def decline_selected(self, request, queryset):
        return self._decide_page(request, list(queryset), "decline", bulk=True)


@admin.register(PracticeTried)
class PracticeTriedAdmin(admin.ModelAdmin):
    list_display = ["practice", "organization", "tried_by", "created_at"]
    list_select_related = ["practice", "organization", "tried_by"]

    def has_add_permission(self, request) -> bool:
        return False


class ShareInline(admin.TabularInline):
    model = UpdateShare
    extra = 0
    can_delete = False
    fields = ["organization", "shared_by", "reach", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CoalitionUpdate)
class CoalitionUpdateAdmin(admin.ModelAdmin):
    list_display = ["title", "is_published", "published_at", "partners_shared", "total_reach"]
    list_filter = ["is_published"]
    search_fields = ["title", "body"]
    date_hierarchy = "published_at"
    readonly_fields = ["created_by", "created_at"]
    inlines = [ShareInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(share_count=Count("shares"), reach_sum=Sum("shares__reach"))
        )

    @admin.display(description="partners that shared it", ordering="share_count")
    def partners_shared(self, update: CoalitionUpdate) -> int:
        return update.share_count

    @admin.display(description="people reached (as reported)", ordering="reach_sum")
    def total_reach(self, update: CoalitionUpdate) -> int:
        return update.reach_sum or 0

    def save_model(self, request, obj, form, change) -> None:
        if obj.is_published and obj.published_at is None:
            obj.published_at = timezone.now()
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj) -> None:
        update_delete(update=obj)

    def delete_queryset(self, request, queryset) -> None:
        for update in queryset:
            update_delete(update=update)


@admin.register(UpdateShare)
class UpdateShareAdmin(CreditSourceAdmin):
    list_display = ["update", "organization", "reach", "created_at"]
    list_select_related = ["update", "organization"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False  # partners say so on their dashboard, so the pledge credit follows
