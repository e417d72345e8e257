from django import forms
from django.db.models.functions import Lower
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import FocusArea, Membership, Organization, PartnershipApplication

PLEDGE_LABELS = {
    "pledge_build_capacity": _(
        "Build capacity: we will pass coalition information on to our own membership network "
        "and invite other organizations to join."
    ),
    "pledge_engage": _("Engage: we will take part in at least one coalition activity every month."),
    "pledge_advocate": _(
        "Advocate: we will tell the coalition about new behavioral-health legislation in our "
        "city, county or state."
    ),
    "pledge_advise": _("Advise: we will share best practices and policies that worked for us."),
}


class OverflowSafeMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses an id too large for a 64-bit integer like any other unknown choice: SQLite
    raises OverflowError for it, where PostgreSQL simply finds no row."""

    def clean(self, value):
        try:
            return super().clean(value)
        except OverflowError:
            raise forms.ValidationError(
                gettext("Select a valid choice. One of those chosen is not available."),
                code="invalid_choice",
            ) from None


class ApplicationForm(forms.ModelForm):
    website = forms.URLField(
        required=False,
        assume_scheme="https",
        label=_("Website"),
        help_text=_("Optional. Starts with https://"),
    )
    focus_areas = OverflowSafeMultipleChoiceField(
        queryset=FocusArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Focus areas"),
    )
    # Typed, not picked: a list of every partner (thousands) would be slow to load and to use.
    referred_by = forms.CharField(
        required=False,
        max_length=200,
        label=_("Did a partner organization refer you? (optional)"),
        help_text=_("Type its name as it appears in the partner directory, or leave this empty."),
    )

    class Meta:
        model = PartnershipApplication
        fields = [
            "name",
            "type",
            "description",
            "website",
            "city",
            "county",
            "state",
            "focus_areas",
            "network_size",
            "reason",
            *PLEDGE_LABELS,
            "referred_by",
            "listed_in_directory",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "reason": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"city": _("City"), "county": _("County"), "state": _("State")}
        help_texts = {
            "network_size": _("About how many people your organization reaches. A guess is fine."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in PLEDGE_LABELS.items():
            self.fields[name].required = True
            self.fields[name].label = label
            self.fields[name].error_messages["required"] = gettext(
                "Please agree to this pledge. Every partner makes all four."
            )
        errors = {
            "name": gettext("Please enter your organization's name."),
            "type": gettext("Please choose the closest type."),
            "state": gettext("Please choose your state."),
            "description": gettext("Please say in a sentence or two what your organization does."),
            "reason": gettext("Please tell us in a few words why you would like to partner."),
            "network_size": gettext("Please give a rough number; 0 is fine."),
        }
        for name, message in errors.items():
            self.fields[name].error_messages["required"] = message
        if self.instance.referred_by_id and not self.is_bound:
            self.initial["referred_by"] = self.instance.referred_by.name

    def clean_referred_by(self) -> Organization | None:
        name = " ".join(self.cleaned_data["referred_by"].split())
        if not name:
            return None
        partners = Organization.objects.active().only("name")
        found = partners.filter(name__iexact=name).first()
        if found is not None:
            return found
        close = list(partners.filter(name__icontains=name).order_by("name")[:3])
        if close:
            names = ", ".join(f"\u201c{partner.name}\u201d" for partner in close)
            raise forms.ValidationError(
                gettext(
                    "We could not find a partner called “%(name)s”. Did you mean "
                    "%(names)s? Type the whole name, or leave this empty."
                )
                % {"name": name, "names": names}
            )
        raise forms.ValidationError(
            gettext(
                "We could not find a partner called “%(name)s”. Please check the "
                "spelling in the partner directory, or leave this empty."
            )
            % {"name": name}
        )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if Organization.objects.annotate(lower=Lower("name")).filter(lower=name.lower()).exists():
            raise forms.ValidationError(
                gettext(
                    "A partner with this name already exists. If you work there, ask its admin "
                    "to invite you instead."
                )
            )
        return name


class OrganizationForm(forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https", label=_("Website"))
    focus_areas = OverflowSafeMultipleChoiceField(
        queryset=FocusArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Focus areas"),
    )

    class Meta:
        model = Organization
        fields = [
            "name",
            "type",
            "description",
            "website",
            "city",
            "county",
            "state",
            "focus_areas",
            "network_size",
            "listed_in_directory",
            "language",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        labels = {
            "name": _("Name"),
            "type": _("Type"),
            "description": _("Description"),
            "city": _("City"),
            "county": _("County"),
            "state": _("State"),
        }

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        taken = Organization.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(gettext("Another partner already uses this name."))
        return name


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Their email address"),
        error_messages={
            "required": _("Please enter the email address to send the invitation to."),
            "invalid": _("This does not look like an email address. Please check it."),
        },
    )
    role = forms.ChoiceField(
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
        label=_("Role"),
        help_text=_("Admins can edit the profile and manage the team."),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Membership.Role.choices)


class DecisionForm(forms.Form):
    """The reason the applicant will read; the admin asks for it before acting."""

    reason = forms.CharField(
        label="Reason given to the applicant",
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        error_messages={"required": "Please write the reason the applicant will read."},
    )

    def __init__(self, *args, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
        if not required:
            self.fields["reason"].label = "A note to the applicant (optional)"


class DeleteAccountForm(forms.Form):
    """The person types their password, so a borrowed or forgotten session cannot do this."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Please enter your password to confirm.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(gettext("That password is not right. Please try again."))
        return password
