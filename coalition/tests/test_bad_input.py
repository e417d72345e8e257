"""Input a person can type into the address bar or a form never causes a server error."""

import pytest
from django.contrib.admin import site
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from campaigns.forms import AttendanceForm, PracticeForm, ReportForm
from campaigns.models import Initiative, Practice, StrategyCall
from members.forms import ApplicationForm, OrganizationForm, OverflowSafeMultipleChoiceField
from members.models import Organization, PartnershipApplication

TOO_BIG = str(2**64)


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def test_it_answers_a_nul_byte_in_the_feed_token_with_not_found(client, db):
    response = client.get(reverse("campaigns:calendar_feed"), {"token": "\x00"})
    assert response.status_code == 404


def test_it_answers_a_nul_byte_in_an_invitation_link_with_not_found(client, db):
    response = client.get("/invitations/%00/")
    assert response.status_code == 404


@pytest.mark.parametrize("target", ["foo", "//evil.example", "\x00", "https://evil.example/"])
def test_it_ignores_a_next_that_is_not_a_path_after_sharing(client, world, target):
    client.force_login(world.a.member)
    url = reverse("campaigns:update_shared", args=[world.b.rows["update_share"].update_id])
    response = client.post(url, {"reach": "10", "next": target})
    assert response.status_code == 302
    assert response.url == reverse("dashboard")


@pytest.mark.parametrize("target", ["foo", "//evil.example", "\x00", "https://evil.example/"])
def test_it_ignores_a_next_that_is_not_a_path_after_taking_part(client, world, target):
    client.force_login(world.a.member)
    response = client.post(
        reverse("campaigns:day_took_part", args=[world.day.pk]), {"next": target}
    )
    assert response.status_code == 302
    assert response.url == reverse("campaigns:days_of_action")


def test_it_still_goes_back_to_a_path_after_taking_part(client, world):
    client.force_login(world.a.member)
    url = reverse("campaigns:day_took_part", args=[world.day.pk])
    response = client.post(url, {"next": "/calls/?page=2"})
    assert response.url == "/calls/?page=2"


@pytest.mark.parametrize(
    ("form_class", "field", "kwargs"),
    [
        (ApplicationForm, "focus_areas", {}),
        (OrganizationForm, "focus_areas", {}),
        (ReportForm, "topics", {}),
        (PracticeForm, "topics", {}),
        (AttendanceForm, "organizations", {"queryset": Organization.objects.all()}),
    ],
)
def test_it_refuses_an_id_too_large_for_the_database_next_to_the_field(
    db, form_class, field, kwargs
):
    form = form_class(data=QueryDict(f"{field}={TOO_BIG}&{field}=-{TOO_BIG}"), **kwargs)
    assert not form.is_valid()
    assert form.errors[field]


def admin_form_fields(model, request) -> dict:
    """The fields of the model's admin form and of its inlines' forms."""
    model_admin = site.get_model_admin(model)
    fields = dict(model_admin.get_form(request).base_fields)
    for inline in model_admin.get_inline_instances(request):
        fields.update(inline.get_formset(request).form.base_fields)
    return fields


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (PartnershipApplication, "focus_areas"),
        (Organization, "focus_areas"),
        (Initiative, "topics"),
        (Practice, "topics"),
        (StrategyCall, "initiatives"),
        (StrategyCall, "practices"),
    ],
)
def test_it_refuses_an_id_too_large_for_the_database_in_the_admin(rf, staff, model, field):
    request = rf.get("/admin/")
    request.user = staff
    assert isinstance(admin_form_fields(model, request)[field], OverflowSafeMultipleChoiceField)
