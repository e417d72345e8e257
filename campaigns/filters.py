import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import State

from .models import Initiative, Practice, Topic

# Legislation


class InitiativeFilter(django_filters.FilterSet):
    """The tracker's filters; the CSV export uses the very same ones."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=State.choices, empty_label=_("Any state")
    )
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=Initiative.Level.choices, empty_label=_("Any level")
    )
    status = django_filters.ChoiceFilter(
        label=pgettext_lazy("initiative status", "Status"),
        choices=Initiative.Status.choices,
        empty_label=_("Any status"),
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topics"),
        field_name="topics",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label=_("Any topic"),
    )
    position = django_filters.ChoiceFilter(
        label=_("Coalition position"),
        choices=Initiative.Position.choices,
        empty_label=_("Any position"),
    )

    class Meta:
        model = Initiative
        fields = ["q", "state", "level", "status", "topic", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget = forms.TextInput(
            attrs={"type": "search", "placeholder": _("Words or a bill number")}
        )

    def filter_search(self, queryset, name, value):
        return queryset.search(value)


# Best practices


class PracticeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    topic = django_filters.ModelChoiceFilter(
        label=_("Topics"),
        field_name="topics",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label=_("Any topic"),
    )
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=State.choices, empty_label=_("Any state")
    )
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=Initiative.Level.choices, empty_label=_("Any level")
    )
    sort = django_filters.ChoiceFilter(
        label=_("Order"),
        choices=[("newest", _("Newest first")), ("views", _("Most viewed first"))],
        empty_label=_("Best match, then newest"),
        method="filter_sort",
    )

    class Meta:
        model = Practice
        fields = ["q", "topic", "state", "level", "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget = forms.TextInput(
            attrs={"type": "search", "placeholder": _("For example: peer warmline")}
        )

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_sort(self, queryset, name, value):
        if value == "views":
            return queryset.order_by("-view_count", "-decided_at", "-pk")
        return queryset.order_by("-decided_at", "-pk")
