from django import forms

from members.models import Organization

from .models import Initiative, Topic


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


# Legislation


class ReportForm(forms.ModelForm):
    """What a member tells the coalition. Position and priority are staff-only, so absent."""

    suggested_position = forms.ChoiceField(
        label="Position you suggest for the coalition",
        choices=Initiative.Position.choices,
        initial=Initiative.Position.NONE,
    )
    source_url = forms.URLField(
        label="Source link",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="A page about it on the city, county or legislature's website, if you have one.",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        error_messages={"invalid": "Enter a web address starting with https://"},
    )
    note = forms.CharField(
        label="Anything else staff should know (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Initiative
        fields = [
            "title",
            "level",
            "state",
            "jurisdiction",
            "bill_number",
            "status",
            "introduced_on",
            "next_hearing_on",
            "summary",
            "source_url",
            "topics",
        ]
        widgets = {
            "introduced_on": forms.DateInput(attrs={"type": "date"}),
            "next_hearing_on": forms.DateInput(attrs={"type": "date"}),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "topics": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "bill_number": 'For example "HB 1234" or "Ordinance 2026-15". Leave empty if none yet.',
            "status": "Not sure? Choose Unknown.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.all()
        self.fields["state"].help_text = "Leave empty for a federal bill."
        self.fields["jurisdiction"].label = "City or county"
        self.fields["jurisdiction"].help_text = "Needed for a city or county initiative."

    def clean(self):
        data = super().clean()
        level, state = data.get("level"), data.get("state")
        if level == Initiative.Level.FEDERAL:
            data["state"] = ""
        elif level and not state:
            self.add_error("state", "Choose the state.")
        if (
            level in (Initiative.Level.CITY, Initiative.Level.COUNTY)
            and not (data.get("jurisdiction") or "").strip()
        ):
            place = "city" if level == Initiative.Level.CITY else "county"
            self.add_error("jurisdiction", f"Name the {place} this applies to.")
        introduced, hearing = data.get("introduced_on"), data.get("next_hearing_on")
        if introduced and hearing and hearing < introduced:
            self.add_error(
                "next_hearing_on", "The next hearing cannot be before the date it was introduced."
            )
        return data

    def validate_constraints(self):
        # The bill may already exist: that is a duplicate report, handled by the service.
        pass
