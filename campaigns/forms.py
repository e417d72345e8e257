from django import forms

from members.models import Organization


class RSVPForm(forms.Form):
    attending = forms.TypedChoiceField(
        choices=[("yes", "Yes, I plan to come"), ("no", "No, I can't make it")],
        coerce=lambda value: value == "yes",
        error_messages={"required": "Please choose whether you plan to come."},
    )


class FeedTokenForm(forms.Form):
    action = forms.ChoiceField(choices=[("create", "Create"), ("revoke", "Turn off")])


class AttendanceForm(forms.Form):
    organizations = forms.ModelMultipleChoiceField(
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Organizations that took part",
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizations"].queryset = queryset
