"""What the admin's work queues share: opening on what waits, and compact filters."""

from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from simple_history.admin import SimpleHistoryAdmin

from .admin_widgets import AccessibleAdmin


class WaitingFirstMixin:
    """A changelist of work opens on what waits for staff.

    The filter goes into the URL rather than being applied silently, so it shows as
    selected, every other filter link keeps it, and one click on "All" removes it.
    """

    waiting_query = ""

    def changelist_view(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        if request.method == "GET" and not request.GET and self.waiting_query:
            return HttpResponseRedirect(f"{request.path}?{self.waiting_query}")
        return super().changelist_view(request, extra_context)


class DropdownFilter(admin.ChoicesFieldListFilter):
    """A drop-down instead of one link per choice (56 states make a 2,000 px column)."""

    template = "admin/filter_dropdown.html"


class RelatedDropdownFilter(admin.RelatedFieldListFilter):
    template = "admin/filter_dropdown.html"


class QueueFilter(admin.SimpleListFilter):
    """The choices of a status field, plus "All" as a value of its own ("all").

    The bare changelist URL opens on what waits (WaitingFirstMixin), so showing everything
    needs a link that is not the bare URL.
    """

    field_name = "status"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return list(model_admin.model._meta.get_field(self.field_name).flatchoices)

    def queryset(self, request: HttpRequest, queryset):
        if self.value() in (None, "all"):
            return queryset
        return queryset.filter(**{self.field_name: self.value()})

    def choices(self, changelist):
        yield {
            "selected": self.value() in (None, "all"),
            "query_string": changelist.get_query_string({self.parameter_name: "all"}),
            "display": "All",
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class StatusQueueFilter(QueueFilter):
    title = "status"
    parameter_name = "status__exact"


class ReviewQueueFilter(QueueFilter):
    title = "review state"
    parameter_name = "review_state__exact"
    field_name = "review_state"


def _is_id(text: str) -> bool:
    return text.isascii() and text.isdigit()


class DecisionHistoryAdmin(AccessibleAdmin, SimpleHistoryAdmin):
    """Each saved version (who, when, what changed), behind the page's History button.

    simple_history looks rows up by the ids in the URL as they are: text there would be a
    server error rather than a 404.
    """

    def history_view(self, request, object_id, extra_context=None):
        if not _is_id(object_id):
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not (_is_id(object_id) and _is_id(version_id)):
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)


class RowLabelledForm(forms.ModelForm):
    """A tabular inline shows labels only as column headings: name each input after its
    column and row, so screen readers say which item it belongs to (axe `label`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        row = str(self.instance) if self.instance.pk else "new row"
        for field in self.fields.values():
            field.widget.attrs.setdefault("aria-label", f"{field.label}, {row}")


class RowLabelledFormSet(BaseInlineFormSet):
    """Names each row's "Delete?" box too, which the formset adds after the form is made."""

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            row = str(form.instance) if form.instance.pk else "new row"
            form.fields["DELETE"].widget.attrs["aria-label"] = f"Delete {row}"
