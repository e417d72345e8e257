"""Strategy calls in the admin: agendas, publishing, announcements, RSVPs, attendance."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from members.admin_queues import RowLabelledForm, RowLabelledFormSet
from members.admin_widgets import AccessibleAdmin
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

# what: (button label, who is emailed and what happens)
CALL_ANNOUNCEMENTS = {
    "publish": (
        "Publish",
        "Partners see the call and its agenda, and each person below gets the agenda by email"
        " with a calendar invitation. Publishing again later sends nothing.",
    ),
    "agenda": (
        "Send the updated agenda",
        "Each person below gets the current agenda by email, with the calendar invitation updated.",
    ),
    "cancel": (
        "Cancel the call",
        "Partners see the call marked as cancelled. If it was published and is still to come,"
        " each person below gets a cancellation for their calendar.",
    ),
}


class AgendaItemForm(RowLabelledForm):
    class Meta:
        model = AgendaItem
        fields = [
            "position",
            "topic",
            "presenter",
            "minutes_allotted",
            "standing",
            "initiatives",
            "practices",
            "notes",
        ]
        # Set by dragging a row or by its move up/down buttons (static/js/admin-agenda.js).
        widgets = {
            "position": forms.HiddenInput(attrs={"data-agenda-position": ""}),
            "notes": forms.Textarea(attrs={"rows": 2, "cols": 30}),
            "presenter": forms.TextInput(attrs={"size": 14}),
            "minutes_allotted": forms.NumberInput(attrs={"class": "agenda-minutes"}),
        }


class AgendaItemInline(AccessibleAdmin, admin.TabularInline):
    """One row per item, ordered by dragging or with the keyboard (move up/down buttons)."""

    model = AgendaItem
    form = AgendaItemForm
    formset = RowLabelledFormSet
    extra = 1
    ordering = ["position", "pk"]
    fields = [*AgendaItemForm.Meta.fields, "drafted_from"]
    readonly_fields = ["drafted_from"]
    autocomplete_fields = ["initiatives", "practices"]
    classes = ["agenda-items"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs["form_class"] = OverflowSafeMultipleChoiceField
        if db_field.name == "practices":
            kwargs["queryset"] = Practice.objects.accepted().order_by("title")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @property
    def media(self) -> forms.Media:
        return super().media + forms.Media(js=["js/admin-agenda.js"])


class AnnouncementInline(AccessibleAdmin, admin.TabularInline):
    model = CallAnnouncement
    extra = 0
    can_delete = False
    fields = ["kind", "sequence", "requested_by", "created_at", "sent_at", "recipient_count"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(StrategyCall)
class StrategyCallAdmin(AccessibleAdmin, admin.ModelAdmin):
    list_display = ["title", "starts_at", "status", "published_at", "attending_orgs"]
    list_filter = ["status"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"
    inlines = [AgendaItemInline, AnnouncementInline]
    change_form_template = "admin/campaigns/strategycall/change_form.html"
    # Short boxes (staff can drag them taller) keep a five-item agenda on a laptop screen.
    formfield_overrides = {
        **AccessibleAdmin.formfield_overrides,
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})},
    }
    readonly_fields = [
        "status",
        "published_at",
        "created_by",
        "attendance_link",
        "attendance_history",
    ]
    fieldsets = [
        (None, {"fields": ["title", "starts_at", "duration_minutes", "status", "published_at"]}),
        ("How to join", {"fields": ["join_url", "dial_in"]}),
        ("Accessibility", {"fields": ["captions", "asl", "accessibility_notes"]}),
        (
            "After the call",
            {
                "fields": ["minutes", "recording_url", "attendance_link", "attendance_history"],
                "classes": ["collapse"],
            },
        ),
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

    @admin.display(description="attendance changes")
    def attendance_history(self, call: StrategyCall) -> str:
        """Who added or removed which organization, and when (each one moves a credit)."""
        changes = (
            CallAttendance.history.filter(call_id=call.pk)
            .select_related("history_user", "organization")
            .order_by("-history_date")[:50]
        )
        verbs = {"+": "added", "-": "removed", "~": "changed"}
        return (
            format_html_join(
                mark_safe("<br>"),
                "{}: {} {} by {}",
                (
                    (
                        date_format(timezone.localtime(change.history_date), "F j, Y, P"),
                        change.organization.name if change.organization else "an organization",
                        verbs[change.history_type],
                        change.history_user.email if change.history_user else "the system",
                    )
                    for change in changes
                ),
            )
            or "None yet."
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        moved = change and {"starts_at", "duration_minutes"} & set(form.changed_data)
        # Partners who have the call in their calendars get it moved there too.
        if moved and services.call_announce_new_time(call=obj, by=request.user):
            self.message_user(request, "Partners are emailed the new time.")
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
                "<int:pk>/announce/<str:what>/",
                self.admin_site.admin_view(self.announce_view),
                name="campaigns_strategycall_announce",
            ),
            path(
                "<int:pk>/attendance/",
                self.admin_site.admin_view(self.attendance_view),
                name="campaigns_strategycall_attendance",
            ),
            *super().get_urls(),
        ]

    def announce_view(self, request: HttpRequest, pk: int, what: str) -> HttpResponse:
        """Publish, send the updated agenda or cancel one call, after saying who is emailed."""
        if what not in CALL_ANNOUNCEMENTS:
            raise Http404
        call = get_object_or_404(StrategyCall, pk=pk)
        if not self.has_change_permission(request, call):
            raise PermissionDenied
        label, explanation = CALL_ANNOUNCEMENTS[what]
        recipients = services.call_email_recipients().count()
        if what == "cancel" and call.status != StrategyCall.Status.PUBLISHED:
            recipients = 0  # nobody was told of it, so nobody is told it is off
        if request.method == "POST":
            return self._announce(request, call, what, recipients)
        ctx = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"{label}: {call}",
            "call": call,
            "label": label,
            "explanation": explanation,
            "recipients": recipients,
        }
        return TemplateResponse(request, "admin/campaigns/strategycall/announce.html", ctx)

    def _announce(self, request: HttpRequest, call: StrategyCall, what: str, recipients: int):
        page = call.get_absolute_url()
        try:
            if what == "publish":
                announced = call.announcements.filter(kind=CallAnnouncement.Kind.PUBLISHED).exists()
                services.call_publish(call=call, by=request.user)
                done = (
                    "It was already announced; no email sent."
                    if announced
                    else f"The agenda email to {recipients} people is queued."
                )
                text = f"Published “{call.title}”. {done}"
            elif what == "agenda":
                services.call_announce_agenda_update(call=call, by=request.user)
                text = f"The updated agenda of “{call.title}” is queued for {recipients} people."
            else:
                services.call_cancel(call=call, by=request.user)
                self.log_change(request, call, "Cancelled the call")
                text = f"Cancelled “{call.title}”. Cancellation emails queued: {recipients}."
        except ValueError as error:
            self.message_user(request, f"“{call.title}”: {error}", messages.ERROR)
        else:
            self.message_user(
                request, format_html('{} <a href="{}">See the call as partners do</a>.', text, page)
            )
        return redirect("admin:campaigns_strategycall_change", call.pk)

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
class CallRSVPAdmin(AccessibleAdmin, admin.ModelAdmin):
    list_display = ["call", "user", "organization", "attending", "updated_at"]
    list_filter = ["attending"]
    list_select_related = ["call", "user", "organization"]
    raw_id_fields = ["call", "user", "organization"]


@admin.register(CallAttendance)
class CallAttendanceAdmin(AccessibleAdmin, admin.ModelAdmin):
    list_display = ["call", "organization", "recorded_by", "created_at"]
    list_select_related = ["call", "organization", "recorded_by"]

    def has_add_permission(self, request) -> bool:
        return False  # through the attendance page, so the pledge credit follows

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
