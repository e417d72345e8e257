"""`|crispy_empty` draws an empty form once and gives the same markup as `|crispy`."""

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form

from coalition.templatetags.empty_forms import crispy_empty
from members.forms import InvitationForm, OrganizationForm
from pledges.forms import ActivityForm


def test_it_draws_what_crispy_draws():
    form = ActivityForm(initial={"occurred_on": "2026-05-20"})
    assert crispy_empty(form) == as_crispy_form(ActivityForm(initial={"occurred_on": "2026-05-20"}))
    assert 'value="2026-05-20"' in crispy_empty(form)


def test_it_draws_each_form_once_per_initial_values():
    first = crispy_empty(InvitationForm())
    assert crispy_empty(InvitationForm()) is first
    today = crispy_empty(ActivityForm(initial={"occurred_on": "2026-05-20"}))
    tomorrow = crispy_empty(ActivityForm(initial={"occurred_on": "2026-05-21"}))
    assert today is not tomorrow and 'value="2026-05-21"' in tomorrow


def test_it_refuses_a_filled_in_form():
    with pytest.raises(ValueError, match="holds someone's data"):
        crispy_empty(InvitationForm({"email": "someone@example.org", "role": "member"}))


@pytest.mark.django_db
def test_it_refuses_a_form_whose_choices_come_from_the_database():
    with pytest.raises(ValueError, match="reads its choices from the database"):
        crispy_empty(OrganizationForm())
