"""Best practices in the admin: staff decisions and “we tried this” marks."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from members.admin_queues import (
    DecisionHistoryAdmin,
    DropdownFilter,
    RelatedDropdownFilter,
    StatusQueueFilter,
    WaitingFirstMixin,
)
from members.admin_widgets import AccessibleAdmin
from members.forms import DecisionForm, OverflowSafeMultipleChoiceField

from .. import services
from ..models import Practice, PracticeTried
from .common import CreditSourceAdmin

# decision: (button label, service, the service's text argument, text required)
PRACTICE_DECISIONS = {
    "accept": ("Accept and share with partners", services.practice_accept, "note", False),
    "request_changes": ("Ask for changes", services.practice_request_changes, "note", True),
    "decline": ("Decline", services.practice_decline, "reason", True),
}


class TriedInline(AccessibleAdmin, admin.TabularInline):
    model = PracticeTried
    extra = 0
    can_delete = False
    fields = ["organization", "tried_by", "note", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Practice)
class PracticeAdmin(WaitingFirstMixin, CreditSourceAdmin, DecisionHistoryAdmin):
    waiting_query = "status__exact=submitted"
    list_display = ["title", "status", "organization", "state", "submitted_at", "view_count"]
    list_filter = [
        StatusQueueFilter,
        "level",
        ("state", DropdownFilter),
        ("topics", RelatedDropdownFilter),
        "name_publicly",
    ]
    list_select_related = ["organization"]
    search_fields = ["title", "organization__name", "problem", "what_was_done"]
    date_hierarchy = "created_at"
    filter_horizontal = ["topics"]
    formfield_overrides = {
        **AccessibleAdmin.formfield_overrides,
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

    def get_search_results(self, request, queryset, search_term):
        # An agenda item links only practices shared with partners.
        if request.GET.get("model_name") == "agendaitem":
            queryset = queryset.filter(status=Practice.Status.ACCEPTED)
        return super().get_search_results(request, queryset, search_term)

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
            if done and len(practices) == 1 and decision == "accept":
                url = reverse("campaigns:practice_detail", args=[practices[0].pk])
                self.message_user(
                    request,
                    format_html(
                        '{}: done for 1 practice, “{}”. <a href="{}">See it as partners do</a>.',
                        label,
                        practices[0].title,
                        url,
                    ),
                )
            else:
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
class PracticeTriedAdmin(AccessibleAdmin, admin.ModelAdmin):
    list_display = ["practice", "organization", "tried_by", "created_at"]
    list_select_related = ["practice", "organization", "tried_by"]

    def has_add_permission(self, request) -> bool:
        return False
