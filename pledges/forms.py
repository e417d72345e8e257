import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from members.models import OrganizationType, State

from .models import Activity, EmailPreference, PauseRequest, month, next_month
from .status import previous_month


class ActivityForm(forms.ModelForm):
    link = forms.URLField(
        required=False,
        assume_scheme="https",
        label=_("Link"),
        help_text=_("Optional: a page, post or document about it."),
    )

    class Meta:
        model = Activity
        fields = ["kind", "occurred_on", "summary", "link"]
        labels = {"kind": _("Type of activity"), "occurred_on": _("Date it happened")}
        help_texts = {
            "occurred_on": _("This month or last month."),
            "summary": _("A sentence or two is plenty."),
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
                gettext("This date is in the future. Log an activity once it has happened.")
            )
        if day < earliest:
            raise forms.ValidationError(
                gettext(
                    "Activities can be logged for this month or last month only (from %(date)s)."
                )
                % {"date": date_format(earliest, "DATE_FORMAT")}
            )
        return day


class EmailPreferenceForm(forms.ModelForm):
    class Meta:
        model = EmailPreference
        fields = ["reminders", "call_emails", "updates"]
        labels = {
            "reminders": _("Monthly pledge reminders"),
            "call_emails": _("Strategy call agendas and minutes"),
            "updates": _("Coalition updates by email"),
        }
        help_texts = {
            "reminders": _(
                "A short note mid-month and near its end if your organization "
                "has not logged an activity yet."
            ),
        }


class StaffFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"), choices=[("", _("All states")), *State.choices], required=False
    )
    type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("All types")), *OrganizationType.choices], required=False
    )
    at_risk = forms.BooleanField(label=_("Only organizations at risk"), required=False)


def request_month_choices(today: datetime.date) -> list[tuple[str, str]]:
    """Last month (for a crisis that already happened) to five months ahead."""
    first = previous_month(month(today))
    choices = []
    for _step in range(7):
        choices.append((first.isoformat(), date_format(first, "YEAR_MONTH_FORMAT")))
        first = next_month(first)
    return choices


class PauseRequestForm(forms.ModelForm):
    first_month = forms.TypedChoiceField(
        label=_("Starting with"),
        coerce=datetime.date.fromisoformat,
        error_messages={"invalid_choice": _("Please choose one of the months in the list.")},
    )
    month_count = forms.TypedChoiceField(
        label=_("For how long"),
        coerce=int,
        error_messages={"invalid_choice": _("Please choose from one to six months.")},
    )

    class Meta:
        model = PauseRequest
        fields = ["first_month", "month_count", "reason", "details"]
        labels = {"reason": _("What is happening")}
        help_texts = {"details": _("Optional. Only the coalition staff read this.")}
        widgets = {"details": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["first_month"].choices = request_month_choices(today)
        self.fields["first_month"].initial = month(today).isoformat()
        # Set here rather than on the field so that each request gets its own language.
        self.fields["month_count"].choices = [
            (n, ngettext("%(count)s month", "%(count)s months", n) % {"count": n})
            for n in range(1, 7)
        ]
        self.fields["reason"].error_messages["required"] = gettext(
            "Please choose the closest reason."
        )
