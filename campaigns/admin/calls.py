"""Strategy calls in the admin: agendas, publishing, announcements, RSVPs, attendance."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from members.forms import OverflowSafeMultipleChoiceField
from members.models import Organization

from .. import services
from ..forms import AttendanceForm
from ..models import AgendaItem, CallAnnouncement, CallAttendance, CallRSVP, Practice, StrategyCall
from ..services.agenda_draft import agenda_draft
from ..services.followups import call_minutes_email

DRAFTED = (
    "{count} agenda items were drafted from the last call, verified initiatives, days of"
    " action and accepted practices. Each says where it came from: keep, move or delete it."
)


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
        "drafted_from",
    ]
    readonly_fields = ["drafted_from"]
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
    actions = [
        "publish",
        "send_agenda_updated",
        "copy_to_next_month",
        "cancel",
        "attendance",
        "email_minutes",
    ]

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
        if not change:
            drafted = agenda_draft(call=obj)
            if drafted:
                self.message_user(request, DRAFTED.format(count=len(drafted)))

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
        copies = []
        for call in queryset:
            copy = services.call_copy_to_next_month(call=call, by=request.user)
            agenda_draft(call=copy, previous=call)
            copies.append(copy)
        self.message_user(request, f"Made {len(copies)} draft call(s) for next month.")
        self.message_user(request, DRAFTED.format(count="Their"))
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

    @admin.action(description="Email the minutes to partners (once per call)")
    def email_minutes(self, request: HttpRequest, queryset) -> None:
        for call in queryset:
            try:
                sent = call_minutes_email(call=call, by=request.user)
            except ValueError as error:
                self.message_user(request, f"“{call.title}”: {error}", messages.ERROR)
                continue
            note = "are on their way" if sent else "were already emailed; nothing sent again"
            self.message_user(request, f"The minutes of “{call.title}” {note}.")

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
