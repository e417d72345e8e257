"""Days of action in the admin, and the organizations that took part."""

from django.contrib import admin
from django.db.models import Count

from members.admin_widgets import AccessibleAdmin

from ..models import DayOfAction, DayOfActionParticipation
from ..services import day_of_action_delete
from .common import CreditSourceAdmin


@admin.register(DayOfAction)
class DayOfActionAdmin(AccessibleAdmin, admin.ModelAdmin):
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
