import django_filters

from .models import FocusArea, Organization, State


class DirectoryFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=State.choices, empty_label="Any state")
    focus_area = django_filters.ModelChoiceFilter(
        field_name="focus_areas",
        queryset=FocusArea.objects.all(),
        to_field_name="slug",
        empty_label="Any focus area",
        label="Focus area",
    )

    class Meta:
        model = Organization
        fields = ["state", "focus_area"]
