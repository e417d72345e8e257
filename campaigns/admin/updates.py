"""Coalition updates in the admin, and the partners that shared them."""

from django.contrib import admin
from django.db import models
from django.db.models import Count, Sum
from django.utils import timezone

from members.admin_widgets import AccessibleAdmin

from ..models import CoalitionUpdate, UpdateShare
from ..services import update_delete
from ..tasks import send_update_email
from .common import CreditSourceAdmin


class ShareInline(AccessibleAdmin, admin.TabularInline):
    model = UpdateShare
    extra = 0
    can_delete = False
    fields = ["organization", "shared_by", "reach", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CoalitionUpdate)
class CoalitionUpdateAdmin(AccessibleAdmin, admin.ModelAdmin):
    list_display = ["title", "is_published", "published_at", "partners_shared", "total_reach"]
    list_filter = ["is_published"]
    search_fields = ["title", "body"]
    date_hierarchy = "published_at"
    readonly_fields = ["created_by", "created_at"]
    inlines = [ShareInline]
    formfield_overrides = {
        **AccessibleAdmin.formfield_overrides,
        models.URLField: {"assume_scheme": "https"},
    }

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
        if obj.send_by_email and obj.is_published and obj.published_at <= timezone.now():
            # A scheduled update is emailed by the beat sweep once its time comes.
            send_update_email.delay_on_commit(obj.pk)

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
