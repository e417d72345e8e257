import django_filters
from django.utils.translation import gettext_lazy as _

from .models import FocusArea, Organization, State


class DirectoryFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        choices=State.choices, empty_label=_("Any state"), label=_("State")
    )
    focus_area = django_filters.ModelChoiceFilter(
        field_name="focus_areas",
        queryset=FocusArea.objects.all(),
        to_field_name="slug",
        empty_label=_("Any focus area"),
        label=_("Focus area"),
    )

    class Meta:
        model = Organization
        fields = ["state", "focus_area"]
