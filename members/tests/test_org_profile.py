import pytest
from django.urls import reverse

from members.models import FocusArea, Organization

pytestmark = pytest.mark.django_db
URL = reverse("members:org_profile")
EDIT_URL = reverse("members:org_profile_edit")


def test_admin_reads_profile_with_a_link_to_edit_it(client, admin_a):
    client.force_login(admin_a)
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Harbor Peer Network" in body
    assert f'href="{EDIT_URL}"' in body


def test_member_reads_profile_without_a_link_to_edit_it(client, member_a):
    client.force_login(member_a)
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Harbor Peer Network" in body
    assert EDIT_URL not in body
    assert "admins can change this profile" in body


def test_profile_shows_focus_areas_and_what_the_directory_shows(client, member_a, org_a):
    org_a.focus_areas.set(FocusArea.objects.filter(slug="housing"))
    client.force_login(member_a)
    body = client.get(URL).content.decode()
    assert FocusArea.objects.get(slug="housing").name in body
    assert "The partner directory shows" in body
    Organization.objects.filter(pk=org_a.pk).update(listed_in_directory=False)
    body = client.get(URL).content.decode()
    assert "If you choose to be listed, the partner directory will show" in body


def test_the_profile_page_takes_no_changes(client, admin_a, org_a):
    client.force_login(admin_a)
    response = client.post(URL, {"name": "Taken over"})
    assert response.status_code == 405
    org_a.refresh_from_db()
    assert org_a.name == "Harbor Peer Network"


def test_admin_opens_the_edit_form(client, admin_a):
    client.force_login(admin_a)
    response = client.get(EDIT_URL)
    assert response.status_code == 200
    assert response.context["form"].instance.name == "Harbor Peer Network"


@pytest.mark.parametrize("method", ["get", "post"])
def test_member_cannot_edit(client, member_a, method):
    client.force_login(member_a)
    response = getattr(client, method)(EDIT_URL, {"name": "Taken over"})
    assert response.status_code == 403
    assert Organization.objects.filter(name="Harbor Peer Network").exists()


@pytest.mark.parametrize("url", [URL, EDIT_URL])
def test_person_without_organization_gets_404(client, applicant, url):
    client.force_login(applicant)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", [URL, EDIT_URL])
def test_anonymous_goes_to_login(client, url):
    assert client.get(url).url.startswith(reverse("account_login"))


def test_admin_saves_profile(client, admin_a, org_a):
    client.force_login(admin_a)
    data = {
        "name": "Harbor Peer Network",
        "type": "advocacy",
        "state": "MA",
        "network_size": 900,
        "description": "Now statewide.",
        "listed_in_directory": "on",
        "language": "en",
    }
    response = client.post(EDIT_URL, data)
    assert response.url == URL
    org_a.refresh_from_db()
    assert (org_a.network_size, org_a.description) == (900, "Now statewide.")


def test_admin_sees_their_focus_areas_checked(client, admin_a, org_a):
    org_a.focus_areas.set(FocusArea.objects.filter(slug="housing"))
    client.force_login(admin_a)
    form = client.get(EDIT_URL).context["form"]
    assert form["focus_areas"].value() == [FocusArea.objects.get(slug="housing").pk]
    assert len(form.fields["focus_areas"].choices) == FocusArea.objects.count()


def test_admin_saves_focus_areas(client, admin_a, org_a):
    org_a.focus_areas.set(FocusArea.objects.filter(slug="housing"))
    client.force_login(admin_a)
    recovery = FocusArea.objects.get(slug="recovery")
    data = {"name": "Harbor Peer Network", "type": "advocacy", "state": "MA", "language": "en"}
    client.post(EDIT_URL, {**data, "network_size": 10, "focus_areas": [recovery.pk]})
    assert list(org_a.focus_areas.all()) == [recovery]


def test_admin_sees_message_beside_bad_field(client, admin_a, org_a, org_b):
    client.force_login(admin_a)
    data = {
        "name": "desert recovery alliance",
        "type": "advocacy",
        "state": "MA",
        "network_size": -1,
    }
    response = client.post(EDIT_URL, data)
    assert response.status_code == 400
    assert "already uses this name" in response.context["form"].errors["name"][0]
    assert "network_size" in response.context["form"].errors
    org_a.refresh_from_db()
    assert org_a.name == "Harbor Peer Network"


def test_member_b_sees_only_their_own_organization(client, member_b, org_a):
    client.force_login(member_b)
    body = client.get(URL).content.decode()
    assert "Desert Recovery Alliance" in body and "Harbor Peer Network" not in body
