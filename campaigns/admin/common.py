"""What several areas' admin pages share."""

from django.contrib import admin

from members.admin_widgets import AccessibleAdmin

from ..services import credit_sources_delete


class CreditSourceAdmin(AccessibleAdmin, admin.ModelAdmin):
    """For rows that credit a pledge: deleting one, or a selection, takes the credit back."""

    def delete_model(self, request, obj) -> None:
        credit_sources_delete(sources=[obj])

    def delete_queryset(self, request, queryset) -> None:
        credit_sources_delete(sources=queryset)
