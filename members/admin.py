import csv

from allauth.mfa.admin import AuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from . import services
from .admin_queues import (
    DecisionHistoryAdmin,
    DropdownFilter,
    RowLabelledForm,
    RowLabelledFormSet,
    StatusQueueFilter,
    WaitingFirstMixin,
)
from .admin_widgets import AccessibleAdmin
from .forms import DecisionForm, OverflowSafeMultipleChoiceField
from .models import (
    FocusArea,
    Invitation,
    Membership,
    Organization,
    OrganizationExport,
    PartnershipApplication,
    PartnershipChange,
    StaffNewsPreference,
    User,
)


@admin.register(User)
class UserAdmin(AccessibleAdmin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Personal info", {"fields": ("name",)}),
        (
            "Permissions",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def get_deleted_objects(self, objs, request):
        """The confirmation page (one person or a selection) refuses the last admins."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        names = services.organizations_left_without_admin(user_ids=[u.pk for u in objs])
        if names:
            self.message_user(
                request,
                f"{', '.join(names)} would be left without an admin. Make someone else an "
                "admin of it first, on its organization page.",
                messages.ERROR,
            )
            protected = [*protected, *(f"The last admin of {name}" for name in names)]
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj) -> None:
        services.users_delete_by_staff(user_ids=[obj.pk])

    def delete_queryset(self, request, queryset) -> None:
        services.users_delete_by_staff(user_ids=list(queryset.values_list("pk", flat=True)))


def _without_bulk_delete(actions: dict) -> dict:
    """Deleting many partners or applications at once loses too much to be one click away;
    the delete button on each change page (with Django's confirmation page) stays."""
    actions.pop("delete_selected", None)
    return actions


# --- Applications ---------------------------------------------------------------------

DECISIONS = {
    "approve": ("Approve", services.application_approve, "note", False),
    "decline": ("Decline", services.application_decline, "reason", True),
    "request_info": ("Ask for more information", services.application_request_info, "reason", True),
}


def _decide(request, application, decision: str, reason: str) -> None:
    _label, service, argument, _required = DECISIONS[decision]
    service(application=application, reviewer=request.user, **{argument: reason})


@admin.register(PartnershipApplication)
class PartnershipApplicationAdmin(WaitingFirstMixin, DecisionHistoryAdmin):
    waiting_query = "status__exact=submitted"
    list_display = ["name", "status", "state", "type", "submitted_at", "applicant"]
    list_filter = [StatusQueueFilter, ("state", DropdownFilter), ("type", DropdownFilter)]
    list_select_related = ["applicant"]
    search_fields = ["name", "applicant__email", "applicant__name", "city"]
    date_hierarchy = "submitted_at"
    autocomplete_fields = ["referred_by"]
    readonly_fields = [
        "applicant",
        "status",
        "submitted_at",
        "pledge_build_capacity",
        "pledge_engage",
        "pledge_advocate",
        "pledge_advise",
        "reviewer",
        "decided_at",
        "decision_reason",
        "organization",
    ]
    fieldsets = (
        ("Decision", {"fields": ("status", "reviewer", "decided_at", "decision_reason")}),
        ("Staff notes", {"fields": ("staff_notes",)}),
        (
            "Organization",
            {
                "fields": (
                    "applicant",
                    "submitted_at",
                    "name",
                    "type",
                    "description",
                    "website",
                    ("city", "county", "state"),
                    "focus_areas",
                    "network_size",
                    "reason",
                    "referred_by",
                    "listed_in_directory",
                    "organization",
                )
            },
        ),
        (
            "The four pledges",
            {
                "fields": (
                    "pledge_build_capacity",
                    "pledge_engage",
                    "pledge_advocate",
                    "pledge_advise",
                )
            },
        ),
    )
    change_form_template = "admin/members/partnershipapplication/change_form.html"
    formfield_overrides = {
        **AccessibleAdmin.formfield_overrides,
        models.ManyToManyField: {
            "widget": forms.CheckboxSelectMultiple,
            "form_class": OverflowSafeMultipleChoiceField,
        },
        models.URLField: {"assume_scheme": "https"},
    }
    actions = ["approve_selected", "decline_selected", "request_info_selected"]

    def has_add_permission(self, request) -> bool:
        return False  # applications come from applicants

    def get_actions(self, request):
        return _without_bulk_delete(super().get_actions(request))

    def get_urls(self):
        return [
            path(
                "<path:object_id>/decide/<str:decision>/",
                self.admin_site.admin_view(self.decide_view),
                name="members_partnershipapplication_decide",
            ),
            *super().get_urls(),
        ]

    def decide_view(self, request, object_id: str, decision: str):
        """One application: ask for the reason, then decide."""
        if decision not in DECISIONS:
            raise Http404
        application = get_object_or_404(PartnershipApplication, pk=object_id)
        if not self.has_change_permission(request, application):
            raise PermissionDenied
        label, _service, _argument, required = DECISIONS[decision]
        form = DecisionForm(request.POST if request.method == "POST" else None, required=required)
        if request.method == "POST" and form.is_valid():
            try:
                _decide(request, application, decision, form.cleaned_data["reason"])
                self.message_user(request, self._decided_message(application, label))
            except services.MembersError as exc:
                self.message_user(request, str(exc), level=messages.ERROR)
            return HttpResponseRedirect(
                reverse("admin:members_partnershipapplication_change", args=[application.pk])
            )
        ctx = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"{label}: {application.name}",
            "form": form,
            "applications": [application],
            "decision_label": label,
        }
        return TemplateResponse(request, "admin/members/decide.html", ctx)

    def _decided_message(self, application: PartnershipApplication, label: str) -> str:
        """Says what happened and links to the result: the new organization on approval."""
        application.refresh_from_db()
        email = application.applicant.email if application.applicant else "nobody (no account)"
        if application.organization_id:
            return format_html(
                '{}: done for {}. The email to {} is queued. <a href="{}">Open {}</a>.',
                label,
                application.name,
                email,
                reverse("admin:members_organization_change", args=[application.organization_id]),
                application.organization.name,
            )
        return f"{label}: done for {application.name}. The email to {email} is queued."

    def _bulk(self, request, queryset, decision: str):
        """The reason comes first, on an intermediate page; nothing happens until it is given."""
        label, _service, _argument, required = DECISIONS[decision]
        form = DecisionForm(request.POST if "confirm" in request.POST else None, required=required)
        if "confirm" in request.POST and form.is_valid():
            done, problems = 0, []
            for application in queryset:
                try:
                    _decide(request, application, decision, form.cleaned_data["reason"])
                    done += 1
                except services.MembersError as exc:
                    problems.append(str(exc))
            self.message_user(request, f"{label}: done for {done} application(s).")
            for problem in problems:
                self.message_user(request, problem, level=messages.WARNING)
            return None
        ctx = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"{label}: {queryset.count()} application(s)",
            "form": form,
            "applications": queryset,
            "decision_label": label,
            "action": f"{decision}_selected",
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/members/decide.html", ctx)

    @admin.action(description="Approve selected applications", permissions=["change"])
    def approve_selected(self, request, queryset):
        return self._bulk(request, queryset, "approve")

    @admin.action(
        description="Decline selected applications (asks for a reason)", permissions=["change"]
    )
    def decline_selected(self, request, queryset):
        return self._bulk(request, queryset, "decline")

    @admin.action(
        description="Ask selected applicants for more information", permissions=["change"]
    )
    def request_info_selected(self, request, queryset):
        return self._bulk(request, queryset, "request_info")


# --- Organizations --------------------------------------------------------------------


class MembershipFormSet(RowLabelledFormSet):
    def clean(self):
        super().clean()
        if not self.instance.pk:
            return
        # Held until the admin's save commits, as on the team page (services.organization_lock).
        services.organization_lock(self.instance)
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        had_people = self.instance.memberships.exists()
        if had_people and not any(data.get("role") == Membership.Role.ADMIN for data in kept):
            raise ValidationError("An organization always keeps at least one admin.")


class MembershipInline(AccessibleAdmin, admin.TabularInline):
    model = Membership
    form = RowLabelledForm
    formset = MembershipFormSet
    extra = 0
    fields = ["user", "role", "receives_reminders", "created_at"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["user"]


CSV_COLUMNS = [
    "name",
    "slug",
    "type",
    "status",
    "city",
    "county",
    "state",
    "website",
    "network_size",
    "joined_on",
    "listed_in_directory",
    "focus_areas",
    "admin_emails",
]


def _csv_safe(value) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas; quote them."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@admin.register(Organization)
class OrganizationAdmin(AccessibleAdmin, admin.ModelAdmin):
    list_display = ["name", "state", "type", "status", "joined_on", "listed_in_directory"]
    list_filter = [
        "status",
        ("state", DropdownFilter),
        ("type", DropdownFilter),
        "listed_in_directory",
    ]
    search_fields = ["name", "city", "county"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {
        **AccessibleAdmin.formfield_overrides,
        models.ManyToManyField: {
            "widget": forms.CheckboxSelectMultiple,
            "form_class": OverflowSafeMultipleChoiceField,
        },
        models.URLField: {"assume_scheme": "https"},
    }
    inlines = [MembershipInline]
    actions = ["export_csv"]

    def get_actions(self, request):
        return _without_bulk_delete(super().get_actions(request))

    @admin.action(description="Export selected organizations as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        orgs = queryset.prefetch_related("focus_areas", "memberships__user").order_by("name")
        response = HttpResponse(content_type="text/csv")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="organizations-{stamp}.csv"'
        writer = csv.writer(response)
        writer.writerow(CSV_COLUMNS)
        rows = 0
        for org in orgs:
            admins = [m.user.email for m in org.memberships.all() if m.is_admin]
            areas = [area.name for area in org.focus_areas.all()]
            values = [getattr(org, column, "") for column in CSV_COLUMNS[:-2]]
            writer.writerow([_csv_safe(v) for v in [*values, "; ".join(areas), "; ".join(admins)]])
            rows += 1
        OrganizationExport.objects.create(exported_by=request.user, row_count=rows)
        return response


@admin.register(FocusArea)
class FocusAreaAdmin(AccessibleAdmin, admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Invitation)
class InvitationAdmin(AccessibleAdmin, admin.ModelAdmin):
    list_display = ["email", "organization", "role", "created_at", "expires_at", "accepted_at"]
    list_select_related = ["organization"]
    list_filter = ["role"]
    search_fields = ["email", "organization__name"]
    readonly_fields = ["token", "created_at", "accepted_at", "accepted_by", "invited_by"]
    raw_id_fields = ["organization"]


@admin.register(OrganizationExport)
class OrganizationExportAdmin(AccessibleAdmin, admin.ModelAdmin):
    list_display = ["exported_at", "exported_by", "row_count"]
    list_select_related = ["exported_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class StaffNewsForm(forms.ModelForm):
    class Meta:
        model = StaffNewsPreference
        fields = ["frequency"]
        widgets = {"frequency": forms.RadioSelect}
        labels = {"frequency": "Email me about new applications, legislative reports and practices"}


@admin.register(StaffNewsPreference)
class StaffNewsPreferenceAdmin(AccessibleAdmin, admin.ModelAdmin):
    """Who among the staff hears of partners' news, and how often; each sets their own."""

    list_display = ["user", "frequency", "updated_at"]
    list_filter = ["frequency"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]

    def get_urls(self):
        return [
            path(
                "mine/",
                self.admin_site.admin_view(self.mine_view),
                name="members_staffnewspreference_mine",
            ),
            *super().get_urls(),
        ]

    def mine_view(self, request):
        """Any staff person chooses for themselves, whatever their admin permissions."""
        preference = StaffNewsPreference.objects.filter(user=request.user).first()
        form = StaffNewsForm(
            request.POST if request.method == "POST" else None,
            instance=preference or StaffNewsPreference(user=request.user),
        )
        if request.method == "POST" and form.is_valid():
            saved = form.save()
            self.message_user(request, f"Saved. News emails: {saved.get_frequency_display()}.")
            return HttpResponseRedirect(reverse("admin:index"))
        ctx = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Your news emails",
            "form": form,
        }
        return TemplateResponse(request, "admin/members/staff_news.html", ctx)


class PartnershipChangeForm(forms.ModelForm):
    class Meta:
        model = PartnershipChange
        fields = ["organization", "change", "reason"]

    def clean(self):
        data = super().clean()
        org, change = data.get("organization"), data.get("change")
        wanted = Organization.Status.ACTIVE if change == "pause" else Organization.Status.PAUSED
        if org and change and org.status != wanted:
            self.add_error(
                "change",
                f"{org.name} is {org.get_status_display().lower()}; only a partnership that is "
                f"{wanted.label.lower()} can be changed this way.",
            )
        return data


@admin.register(PartnershipChange)
class PartnershipChangeAdmin(AccessibleAdmin, admin.ModelAdmin):
    """Staff pause or resume a partnership here; the organization's admins are emailed."""

    form = PartnershipChangeForm
    list_display = ["organization", "change", "changed_by", "created_at"]
    list_filter = ["change"]
    search_fields = ["organization__name", "reason"]
    list_select_related = ["organization", "changed_by"]
    raw_id_fields = ["organization"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        saved = services.partnership_change(
            organization=obj.organization, change=obj.change, reason=obj.reason, by=request.user
        )
        obj.pk = saved.pk


# allauth's own admin for authenticators, with the portal's accessible date-time fields.
admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class PortalAuthenticatorAdmin(AccessibleAdmin, AuthenticatorAdmin):
    pass
