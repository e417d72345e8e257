"""Dates on bills and calls stay within sensible years, with a message beside the field."""

import datetime

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Initiative, StrategyCall

from .conftest import report_data
from .factories import InitiativeFactory, StrategyCallFactory


def field_errors(instance, field: str) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict[field]


def admin_form(model, staff, data: dict):
    request = RequestFactory().get("/")
    request.user = staff
    return admin.site.get_model_admin(model).get_form(request)(data)


def test_it_refuses_year_one_as_the_introduction_date_on_the_report_form(client, member_a):
    client.force_login(member_a)
    response = client.post(
        reverse("campaigns:initiative_new"), report_data(introduced_on="0001-01-01")
    )
    assert "between January 1, 1900 and" in " ".join(
        response.context["form"].errors["introduced_on"]
    )
    assert not Initiative.objects.exists()


@pytest.mark.parametrize(
    ("introduced", "ok"),
    [(datetime.date(1899, 12, 31), False), (datetime.date(1900, 1, 1), True), (400, False)],
)
def test_it_accepts_introductions_from_1900_to_a_year_ahead(db, introduced, ok):
    if isinstance(introduced, int):
        introduced = timezone.localdate() + datetime.timedelta(days=introduced)
    initiative = InitiativeFactory.build(introduced_on=introduced, next_hearing_on=None)
    if ok:
        initiative.full_clean(validate_unique=False, validate_constraints=False)
    else:
        assert field_errors(initiative, "introduced_on")


def test_it_refuses_a_hearing_more_than_two_years_ahead(db):
    far = timezone.localdate() + datetime.timedelta(days=800)
    initiative = InitiativeFactory.build(introduced_on=None, next_hearing_on=far)
    assert "between January 1, 1900 and" in field_errors(initiative, "next_hearing_on")[0]


def test_the_initiative_admin_form_shows_the_message_beside_the_field(db, staff):
    form = admin_form(Initiative, staff, {"introduced_on": "0001-01-01"})
    assert "between January 1, 1900 and" in " ".join(form.errors["introduced_on"])


@pytest.mark.parametrize("starts_at", ["1999-12-31T10:00", "9999-12-31T23:30"])
def test_the_call_admin_form_refuses_implausible_start_times(db, staff, starts_at):
    form = admin_form(StrategyCall, staff, {"starts_at": starts_at})
    assert "between January 1, 2000 and" in " ".join(form.errors["starts_at"])


def test_it_accepts_a_call_next_year(db):
    call = StrategyCallFactory.build(starts_at=timezone.now() + datetime.timedelta(days=365))
    call.full_clean()
