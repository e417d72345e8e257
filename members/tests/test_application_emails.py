import pytest
from django.urls import reverse

from members import services

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_confirms_to_applicant_and_tells_every_staff_member(
    client, applicant, application_data, deliver_mail, staff
):
    other_staff = UserFactory(email="second.staff@example.org", is_staff=True)
    client.force_login(applicant)
    client.post(reverse("members:apply"), application_data)
    outbox = deliver_mail()
    to_applicant = [m for m in outbox if m.to == [applicant.email]]
    to_staff = [m for m in outbox if set(m.to) == {staff.email, other_staff.email}]
    assert "We received your application for Lakeside" in to_applicant[0].subject
    assert "New application: Lakeside Recovery Network" in to_staff[0].subject
    assert "/admin/members/partnershipapplication/" in to_staff[0].body


def test_decline_email_gives_reason_and_never_staff_notes(application, staff, deliver_mail):
    application.staff_notes = "SECRET: unsure about their funding"
    application.save()
    services.application_decline(application=application, reviewer=staff, reason="Outside the US.")
    (message,) = deliver_mail()
    assert message.to == [application.applicant.email]
    assert "Outside the US." in message.body
    assert "SECRET" not in message.body


def test_approval_email_links_to_the_organization(application, staff, deliver_mail):
    application.staff_notes = "SECRET note"
    application.save()
    services.application_approve(application=application, reviewer=staff, note="Welcome!")
    (message,) = deliver_mail()
    assert message.subject == "Welcome to the coalition, Riverside Peer Center"
    assert "/org/" in message.body and "Welcome!" in message.body
    assert "SECRET" not in message.body


def test_request_for_information_email_links_to_the_form(application, staff, deliver_mail):
    services.application_request_info(
        application=application, reviewer=staff, reason="Who leads your board?"
    )
    (message,) = deliver_mail()
    assert "Who leads your board?" in message.body
    assert reverse("members:apply") in message.body


def test_resubmission_tells_staff_again(application, staff, deliver_mail):
    services.application_request_info(application=application, reviewer=staff, reason="More?")
    application.refresh_from_db()
    services.application_resubmit(application=application, focus_areas=[])
    outbox = deliver_mail()
    assert outbox[-1].to == [staff.email]
    assert outbox[-1].subject.startswith("Updated application")


def test_it_takes_an_application_whose_name_looks_like_a_template_tag(
    client, applicant, application_data, deliver_mail
):
    client.force_login(applicant)
    data = {**application_data, "name": "Care {% network %}"}
    response = client.post(reverse("members:apply"), data)
    assert response.status_code == 302
    to_applicant = [m for m in deliver_mail() if m.to == [applicant.email]]
    assert "Care {% network %}" in to_applicant[0].subject


def test_it_sends_a_name_with_braces_exactly_as_typed(
    client, applicant, application_data, deliver_mail
):
    client.force_login(applicant)
    data = {**application_data, "name": "Peer {{ support }} Network"}
    client.post(reverse("members:apply"), data)
    to_applicant = [m for m in deliver_mail() if m.to == [applicant.email]]
    assert "Peer {{ support }} Network" in to_applicant[0].subject
    assert "Peer {{ support }} Network" in to_applicant[0].body


def test_it_never_runs_a_debug_tag_typed_in_a_name(
    client, applicant, application_data, deliver_mail
):
    client.force_login(applicant)
    client.post(reverse("members:apply"), {**application_data, "name": "Help {% debug %}"})
    to_applicant = [m for m in deliver_mail() if m.to == [applicant.email]]
    assert "Help {% debug %}" in to_applicant[0].body
    assert "sys.path" not in to_applicant[0].body and "INSTALLED_APPS" not in to_applicant[0].body
