from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from members.forms import OverflowSafeMultipleChoiceField
from members.models import Organization

from .models import Initiative, Practice, Topic, https_only


class RSVPForm(forms.Form):
    attending = forms.TypedChoiceField(
        choices=[("yes", _("Yes, I plan to come")), ("no", _("No, I can't make it"))],
        coerce=lambda value: value == "yes",
        error_messages={"required": _("Please choose whether you plan to come.")},
    )


class FeedTokenForm(forms.Form):
    action = forms.ChoiceField(choices=[("create", _("Create")), ("revoke", _("Turn off"))])


class AttendanceForm(forms.Form):
    organizations = OverflowSafeMultipleChoiceField(
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Organizations that took part"),
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizations"].queryset = queryset


# Legislation


class ReportForm(forms.ModelForm):
    """What a member tells the coalition. Position and priority are staff-only, so absent."""

    suggested_position = forms.ChoiceField(
        label=_("Position you suggest for the coalition"),
        choices=Initiative.Position.choices,
        initial=Initiative.Position.NONE,
    )
    source_url = forms.URLField(
        label=_("Source link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_(
            "A page about it on the city, county or legislature's website, if you have one."
        ),
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        error_messages={"invalid": _("Enter a web address starting with https://")},
    )
    note = forms.CharField(
        label=_("Anything else staff should know (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Initiative
        fields = [*Initiative.REPORTED_FIELDS, "topics"]
        widgets = {
            "introduced_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "next_hearing_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "topics": forms.CheckboxSelectMultiple,
        }
        field_classes = {"topics": OverflowSafeMultipleChoiceField}
        # The model's fields without a marked name are named here for the page.
        labels = {
            "title": _("Title"),
            "level": _("Level"),
            "state": _("State"),
            "status": pgettext_lazy("initiative status", "Status"),
            "summary": _("Summary"),
            "topics": _("Topics"),
        }
        help_texts = {
            "bill_number": _(
                'For example "HB 1234" or "Ordinance 2026-15". Leave empty if none yet.'
            ),
            "status": _("Not sure? Choose Unknown."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.all()
        self.fields["state"].help_text = gettext("Leave empty for a federal bill.")
        self.fields["jurisdiction"].label = gettext("City or county")
        self.fields["jurisdiction"].help_text = gettext("Needed for a city or county initiative.")

    def clean(self):
        data = super().clean()
        level, state = data.get("level"), data.get("state")
        if level == Initiative.Level.FEDERAL:
            data["state"] = ""
        elif level and not state:
            self.add_error("state", gettext("Choose the state."))
        if (
            level in (Initiative.Level.CITY, Initiative.Level.COUNTY)
            and not (data.get("jurisdiction") or "").strip()
        ):
            self.add_error(
                "jurisdiction",
                gettext("Name the city this applies to.")
                if level == Initiative.Level.CITY
                else gettext("Name the county this applies to."),
            )
        introduced, hearing = data.get("introduced_on"), data.get("next_hearing_on")
        if introduced and hearing and hearing < introduced:
            self.add_error(
                "next_hearing_on",
                gettext("The next hearing cannot be before the date it was introduced."),
            )
        return data

    def validate_constraints(self):
        # The bill may already exist: that is a duplicate report, handled by the service.
        pass


# Best practices and coalition updates


class PracticeForm(forms.ModelForm):
    """A partner's practice. A draft needs only a title; sending it to staff needs the rest."""

    REQUIRED_TO_SUBMIT = {
        "problem": _("Please describe the problem it answers."),
        "what_was_done": _("Please say what you did."),
        "level": _("Choose where it was done."),
        "population": _("Please say who it serves."),
        "results": _("Please say what has happened so far, even if it is early."),
    }

    class Meta:
        model = Practice
        fields = [*Practice.PARTNER_FIELDS, "topics"]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 3}),
            "what_was_done": forms.Textarea(attrs={"rows": 5}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "figures": forms.Textarea(attrs={"rows": 2}),
            "links": forms.Textarea(attrs={"rows": 2, "placeholder": "https://"}),
            "topics": forms.CheckboxSelectMultiple,
        }
        field_classes = {"topics": OverflowSafeMultipleChoiceField}
        labels = {
            "title": _("Title"),
            "level": _("Where it was done"),
            "state": _("State"),
            "topics": _("Topics"),
        }
        help_texts = {
            "figures": _("For example: “Wait times fell from 14 days to 3.”"),
            "population": _("For example: “Young adults leaving foster care in Cuyahoga County.”"),
            "jurisdiction": _("Needed for a city or county."),
        }

    def __init__(self, *args, submit: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submit = submit
        self.fields["topics"].queryset = Topic.objects.all()
        self.fields["level"].choices = [("", gettext("Choose one")), *Initiative.Level.choices]

    def clean_links(self) -> str:
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        for line in lines:
            try:
                https_only(line)
            except forms.ValidationError:
                raise forms.ValidationError(
                    gettext(
                        "“%(line)s” is not a web address. Put one address a line, starting with "
                        "https://"
                    )
                    % {"line": line}
                ) from None
        return "\n".join(lines)

    def clean(self):
        data = super().clean()
        level = data.get("level")
        if level == Initiative.Level.FEDERAL:
            data["state"] = ""
        if not self.submit:
            return data
        for name, message in self.REQUIRED_TO_SUBMIT.items():
            if not str(data.get(name) or "").strip() and name not in self.errors:
                self.add_error(name, message)
        local = level in (Initiative.Level.CITY, Initiative.Level.COUNTY)
        if (local or level == Initiative.Level.STATE) and not data.get("state"):
            self.add_error("state", gettext("Choose the state."))
        if local and not (data.get("jurisdiction") or "").strip():
            self.add_error("jurisdiction", gettext("Name the city or county."))
        return data


class TriedForm(forms.Form):
    note = forms.CharField(
        label=_("How did it go? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ShareForm(forms.Form):
    reach = forms.IntegerField(
        label=_("About how many people did it reach? (optional)"),
        required=False,
        min_value=0,
        max_value=10_000_000,
        error_messages={
            "invalid": _("Enter a whole number, like 250, or leave it empty."),
            "min_value": _("Enter a number of people, 0 or more."),
            "max_value": _("That is more people than we expected. Please check the number."),
        },
    )
