import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from members.models import PartnershipApplication

from .factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_it_saves_application_and_sends_to_status(client, applicant, application_data):
    client.force_login(applicant)
    response = client.post(reverse("members:apply"), application_data)
    assert response.url == reverse("members:apply_status")
    saved = PartnershipApplication.objects.get(applicant=applicant)
    assert saved.status == "submitted"
    assert [a.slug for a in saved.focus_areas.all()] == ["recovery"]


def test_it_saves_the_partner_that_referred_them(client, applicant, application_data, org_a):
    client.force_login(applicant)
    data = {**application_data, "referred_by": "  harbor PEER   network "}
    client.post(reverse("members:apply"), data)
    saved = PartnershipApplication.objects.get(applicant=applicant)
    assert saved.referred_by == org_a


def test_it_suggests_partners_when_the_referral_name_is_not_whole(
    client, applicant, application_data, org_a
):
    client.force_login(applicant)
    data = {**application_data, "referred_by": "harbor"}
    response = client.post(reverse("members:apply"), data)
    assert response.status_code == 400
    assert (
        "Did you mean \u201cHarbor Peer Network\u201d?"
        in response.context["form"].errors["referred_by"][0]
    )
    assert not PartnershipApplication.objects.exists()


def test_it_says_when_no_partner_has_the_referral_name(client, applicant, application_data):
    client.force_login(applicant)
    response = client.post(reverse("members:apply"), {**application_data, "referred_by": "Nobody"})
    assert response.status_code == 400
    assert "could not find a partner called" in response.context["form"].errors["referred_by"][0]
    assert not PartnershipApplication.objects.exists()


def test_a_partner_that_is_not_active_cannot_be_named(client, applicant, application_data, org_a):
    org_a.status = "withdrawn"
    org_a.save()
    client.force_login(applicant)
    response = client.post(
        reverse("members:apply"), {**application_data, "referred_by": org_a.name}
    )
    assert "referred_by" in response.context["form"].errors


def test_an_application_sent_back_shows_the_referring_partner_by_name(client, org_a):
    application = ApplicationFactory(status="needs_info", referred_by=org_a)
    client.force_login(application.applicant)
    body = client.get(reverse("members:apply")).content.decode()
    assert 'value="Harbor Peer Network"' in body


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "enter your organization"),
        ("state", "", "choose your state"),
        ("state", "ZZ", "Select a valid choice"),
        ("network_size", "lots", "Enter a whole number"),
        ("website", "not a site", "Enter a valid URL"),
        ("reason", "", "why you would like to partner"),
        ("pledge_engage", None, "Please agree to this pledge"),
        ("pledge_advise", None, "Please agree to this pledge"),
    ],
)
def test_it_shows_message_beside_bad_field_and_saves_nothing(
    client, applicant, application_data, field, value, message
):
    client.force_login(applicant)
    if value is None:
        del application_data[field]
    else:
        application_data[field] = value
    response = client.post(reverse("members:apply"), application_data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not PartnershipApplication.objects.exists()


def test_it_refuses_a_name_an_existing_partner_uses(client, applicant, application_data, org_a):
    client.force_login(applicant)
    application_data["name"] = "HARBOR peer network"
    response = client.post(reverse("members:apply"), application_data)
    assert "already exists" in response.context["form"].errors["name"][0]


def test_it_sends_open_applicant_to_status_instead_of_second_form(client, application):
    client.force_login(application.applicant)
    response = client.get(reverse("members:apply"))
    assert response.url == reverse("members:apply_status")


def test_it_sends_member_to_organization_instead_of_applying(client, member_a):
    client.force_login(member_a)
    response = client.get(reverse("members:apply"))
    assert response.url == reverse("members:org_profile")


def test_it_asks_unverified_user_to_confirm_email_first(client):
    user = UserFactory(verified=False)
    client.force_login(user)
    response = client.get(reverse("members:apply"))
    assert response.url == reverse("account_email")
    assert not EmailAddress.objects.filter(user=user, verified=True).exists()


def test_it_sends_anonymous_visitor_to_login(client):
    response = client.get(reverse("members:apply"))
    assert response.url.startswith(reverse("account_login"))


def test_it_withdraws_open_application(client, application):
    client.force_login(application.applicant)
    client.post(reverse("members:apply_withdraw"))
    application.refresh_from_db()
    assert application.status == "withdrawn"


def test_it_lets_applicant_apply_again_after_withdrawing(client, applicant, application_data):
    ApplicationFactory(applicant=applicant, status="withdrawn")
    client.force_login(applicant)
    client.post(reverse("members:apply"), application_data)
    assert applicant.applications.filter(status="submitted").count() == 1


def test_it_lets_applicant_answer_request_for_more_information(
    client, application, application_data
):
    application.status = "needs_info"
    application.decision_reason = "How many volunteers do you have?"
    application.save()
    client.force_login(application.applicant)
    page = client.get(reverse("members:apply"))
    assert "How many volunteers" in page.content.decode()
    client.post(reverse("members:apply"), {**application_data, "description": "40 volunteers."})
    application.refresh_from_db()
    assert (application.status, application.description) == ("submitted", "40 volunteers.")


def test_status_page_never_shows_staff_notes(client, application):
    application.staff_notes = "Board chair is a friend of ours"
    application.save()
    client.force_login(application.applicant)
    response = client.get(reverse("members:apply_status"))
    assert response.status_code == 200
    assert "Board chair" not in response.content.decode()


def test_status_page_without_application_sends_to_apply(client, applicant):
    client.force_login(applicant)
    assert client.get(reverse("members:apply_status")).url == reverse("members:apply")
