import datetime

from django import forms
from django.utils import timezone

from members.models import OrganizationType, State

from .models import Activity, EmailPreference, PauseRequest, month, next_month
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
        fields = ["reminders", "call_emails", "updates"]
        labels = {
            "reminders": "Monthly pledge reminders",
            "call_emails": "Strategy call agendas and minutes",
            "updates": "Coalition updates by email",
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


def request_month_choices(today: datetime.date) -> list[tuple[str, str]]:
    """Last month (for a crisis that already happened) to five months ahead."""
    first = previous_month(month(today))
    choices = []
    for _ in range(7):
        choices.append((first.isoformat(), f"{first:%B %Y}"))
        first = next_month(first)
    return choices


class PauseRequestForm(forms.ModelForm):
    first_month = forms.TypedChoiceField(
        label="Starting with",
        coerce=datetime.date.fromisoformat,
        error_messages={"invalid_choice": "Please choose one of the months in the list."},
    )
    month_count = forms.TypedChoiceField(
        label="For how long",
        coerce=int,
        choices=[(n, f"{n} month{'s' if n > 1 else ''}") for n in range(1, 7)],
        error_messages={"invalid_choice": "Please choose from one to six months."},
    )

    class Meta:
        model = PauseRequest
        fields = ["first_month", "month_count", "reason", "details"]
        labels = {"reason": "What is happening"}
        help_texts = {"details": "Optional. Only the coalition staff read this."}
        widgets = {"details": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["first_month"].choices = request_month_choices(today)
        self.fields["first_month"].initial = month(today).isoformat()
        self.fields["reason"].error_messages["required"] = "Please choose the closest reason."
