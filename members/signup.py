"""What allauth's sign-up form asks beyond email and password (ACCOUNT_SIGNUP_FORM_CLASS).

Kept apart from members.forms: allauth imports this class while building its own forms.
"""

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import User


class SignupDetailsForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        help_text=_("How you would like to be called in emails and by your team."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    pronouns = forms.CharField(
        label=_("Your pronouns (optional)"),
        max_length=40,
        required=False,
        help_text=_("For example: she/her, he/him, they/them."),
    )

    field_order = ["name", "pronouns"]

    def signup(self, request: HttpRequest, user: User) -> None:
        user.name = self.cleaned_data["name"]
        user.pronouns = self.cleaned_data["pronouns"]
        user.language = request.LANGUAGE_CODE  # the one they signed up in, for their emails
        user.save(update_fields=["name", "pronouns", "language"])


class NameForm(forms.ModelForm):
    """The same two questions, for someone who signed up before they were asked."""

    class Meta:
        model = User
        fields = ["name", "pronouns"]
        labels = {"name": _("Your name"), "pronouns": _("Your pronouns (optional)")}
        help_texts = {
            "name": _("How you would like to be called in emails and by your team."),
            "pronouns": _("For example: she/her, he/him, they/them."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
