"""Legislation in the admin: initiatives, verification, merges, topics, exports."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from members.admin_queues import (
    DecisionHistoryAdmin,
    DropdownFilter,
    RelatedDropdownFilter,
    ReviewQueueFilter,
    WaitingFirstMixin,
)
from members.admin_widgets import AccessibleAdmin
from members.forms import OverflowSafeMultipleChoiceField

from ..models import Initiative, InitiativeExport, InitiativeStatusChange, Report, Topic
from ..services import (
    initiative_close,
    initiative_delete,
    initiative_merge,
    initiative_set_status,
    initiative_verify,
)


class ReportInline(AccessibleAdmin, admin.TabularInline):
    model = Report
    extra = 0
    can_delete = False
    fields = ["organization", "reported_by", "created_at", "suggested_position", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class StatusChangeInline(AccessibleAdmin, admin.TabularInline):
    model = InitiativeStatusChange
    extra = 0
    can_delete = False
    fields = ["changed_at", "from_status", "to_status", "changed_by", "note"]
    readonly_fields = fields
    verbose_name_plural = "status history"

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Initiative)
class InitiativeAdmin(WaitingFirstMixin, DecisionHistoryAdmin):
    waiting_query = "review_state__exact=reported"
    list_display = [
        "title",
        "bill_number",
        "review_state",
        "level",
        "state",
        "report_count",
        "status",
        "position",
        "priority",
    ]
    list_editable = ["status", "position", "priority"]
    list_filter = [
        ReviewQueueFilter,
        "level",
        ("state", DropdownFilter),
        ("status", DropdownFilter),
        "position",
        ("topics", RelatedDropdownFilter),
    ]
    search_fields = ["title", "bill_number", "bill_number_normalized", "jurisdiction", "summary"]
    readonly_fields = ["review_state", "verified_by", "verified_at", "created_at"]
    formfield_overrides = {
        **AccessibleAdmin.formfield_overrides,
        models.ManyToManyField: {
            "widget": forms.CheckboxSelectMultiple,
            "form_class": OverflowSafeMultipleChoiceField,
        },
        models.URLField: {"assume_scheme": "https"},
    }
    inlines = [ReportInline, StatusChangeInline]
    actions = ["verify", "merge", "close"]
    change_form_template = "admin/campaigns/initiative/change_form.html"
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

    def get_changelist_form(self, request, **kwargs):
        return LabelledRowForm

    def get_urls(self):
        return [
            path(
                "<int:pk>/verify/",
                self.admin_site.admin_view(self.verify_view),
                name="campaigns_initiative_verify",
            ),
            path(
                "<int:pk>/merge-into/",
                self.admin_site.admin_view(self.merge_into_view),
                name="campaigns_initiative_merge_into",
            ),
            *super().get_urls(),
        ]

    def _own(self, request: HttpRequest, pk: int) -> Initiative:
        initiative = get_object_or_404(Initiative, pk=pk)
        if not self.has_change_permission(request, initiative):
            raise PermissionDenied
        return initiative

    def verify_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """One initiative: show whose pledge it credits, then verify."""
        initiative = self._own(request, pk)
        reports = initiative.reports.select_related("organization").order_by("created_at")
        if request.method == "POST":
            if initiative_verify(initiative=initiative, by=request.user):
                self.log_change(request, initiative, "Verified")
            public = reverse("campaigns:initiative_detail", args=[pk])
            self.message_user(
                request,
                format_html(
                    'Verified “{}”; {} reporting organization(s) credited. <a href="{}">'
                    "See it in the tracker</a>.",
                    initiative.title,
                    len({r.organization_id for r in reports}),
                    public,
                ),
            )
            return redirect("admin:campaigns_initiative_change", pk)
        ctx = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Verify: {initiative.title}",
            "initiative": initiative,
            "reports": reports,
        }
        return TemplateResponse(request, "admin/campaigns/initiative/verify.html", ctx)

    def merge_into_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Fold this initiative into another one, chosen from the same state."""
        initiative = self._own(request, pk)
        candidates = (
            Initiative.objects.filter(state=initiative.state)
            .exclude(pk=pk)
            .exclude(review_state=Initiative.ReviewState.CLOSED)
            .order_by("title")
        )
        posted = request.POST if request.method == "POST" else None
        form = MergeIntoForm(posted, queryset=candidates)
        if request.method == "POST" and form.is_valid():
            keep = form.cleaned_data["keep"]
            label = str(initiative)
            initiative_merge(keep=keep, other=initiative, by=request.user)
            self.log_change(request, keep, f"Merged in #{pk} {label}")
            self.message_user(request, f"Merged “{label}” into “{keep}”. Every report was kept.")
            return redirect("admin:campaigns_initiative_change", keep.pk)
        ctx = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Merge “{initiative.title}” into another initiative",
            "initiative": initiative,
            "form": form,
        }
        return TemplateResponse(request, "admin/campaigns/initiative/merge_into.html", ctx)

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


class LabelledRowForm(forms.ModelForm):
    """The changelist's editable cells, each named after its row for screen readers."""

    class Meta:
        model = Initiative
        fields = ["status", "position", "priority"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = f"{field.label} of {self.instance.title}"


class MergeIntoForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=Initiative.objects.none(),
        label="Merge into",
        help_text="Initiatives in the same state. This one's reports and history move there.",
        error_messages={"required": "Choose the initiative to keep."},
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = queryset


@admin.register(Topic)
class TopicAdmin(AccessibleAdmin, admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(InitiativeExport)
class InitiativeExportAdmin(AccessibleAdmin, admin.ModelAdmin):
    list_display = ["exported_at", "exported_by", "query", "row_count"]
    readonly_fields = list_display

    def has_add_permission(self, request) -> bool:
        return False
