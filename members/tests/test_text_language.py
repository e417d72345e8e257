"""An organization's own text carries the language it is written in, whatever the page's."""

from django.urls import reverse

from members.services import application_approve
from members.tests.factories import ApplicationFactory, OrganizationFactory, UserFactory


def test_the_directory_marks_a_description_in_the_other_language(client, db):
    OrganizationFactory(
        listed_in_directory=True, language="es", description="Apoyo entre pares en Texas."
    )
    body = client.get(reverse("members:directory"), headers={"accept-language": "en"}).text
    assert '<html lang="en">' in body
    assert '<p class="mb-1" lang="es">Apoyo entre pares en Texas.</p>' in body


def test_the_profile_marks_the_description_with_the_organizations_language(client, admin_a, org_a):
    org_a.description = "Peer support on the harbor."
    org_a.save()
    admin_a.language = "es"
    admin_a.save()
    client.force_login(admin_a)
    body = client.get(reverse("members:org_profile")).text
    assert '<html lang="es">' in body
    assert 'lang="en">Peer support on the harbor.</dd>' in body


def test_an_approved_organization_writes_in_its_applicants_language(db):
    application = ApplicationFactory(applicant=UserFactory(language="es"))
    organization = application_approve(application=application, reviewer=UserFactory(is_staff=True))
    assert organization.language == "es"
