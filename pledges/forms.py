from django import forms
from django.utils import timezone

from members.models import OrganizationType, State

from .models import Activity, EmailPreference, month
from .status import previous_month


class ActivityForm(forms.ModelForm):
    link = forms.URLField(
        required=False,
        assume_scheme="https",
        help_text="Optional: a page, post or document about it.",
    )

    class Meta:
        model = Activity
        fields = ["kind", "occurred_on", "summary", "link"]
        labels = {"kind": "Type of activity", "occurred_on": "Date it happened"}
        help_texts = {
            "occurred_on": "This month or last month.",
            "summary": "A sentence or two is plenty.",
        }
        widgets = {
            "occurred_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_occurred_on(self):
        day = self.cleaned_data["occurred_on"]
        today = timezone.localdate()
        earliest = previous_month(month(today))
        if day > today:
            raise forms.ValidationError(
                "This date is in the future. Log an activity once it has happened."
            )
        if day < earliest:
            raise forms.ValidationError(
                f"Activities can be logged for this month or last month only "
                f"(from {earliest:%B} 1, {earliest:%Y})."
            )
        return day


class EmailPreferenceForm(forms.ModelForm):
    class Meta:
        model = EmailPreference
        fields = ["reminders", "call_emails"]
        labels = {
            "reminders": "Monthly pledge reminders",
            "call_emails": "Strategy call agendas and minutes",
        }
        help_texts = {
            "reminders": "A short note mid-month and near its end if your organization "
            "has not logged an activity yet.",
        }


class StaffFilterForm(forms.Form):
    state = forms.ChoiceField(choices=[("", "All states"), *State.choices], required=False)
    type = forms.ChoiceField(
        label="Type", choices=[("", "All types"), *OrganizationType.choices], required=False
    )
    at_risk = forms.BooleanField(label="Only organizations at risk", required=False)
