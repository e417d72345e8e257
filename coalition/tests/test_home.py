import pytest
from django.urls import reverse
from django.utils import translation

from campaigns.tests.factories import InitiativeFactory, PracticeFactory, StrategyCallFactory
from coalition import views
from members.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_it_counts_partners_and_states(client):
    OrganizationFactory(state="MA")
    OrganizationFactory(state="MA")
    OrganizationFactory(state="AZ")
    body = client.get(reverse("home")).content.decode()
    assert '<span class="stat-number">3</span> partner organizations' in body
    assert '<span class="stat-number">2</span> states' in body


def test_it_shows_the_next_calls_topic(client):
    StrategyCallFactory(title="Crisis lines after 988")
    assert "Crisis lines after 988" in client.get(reverse("home")).content.decode()


def test_it_shows_only_verified_initiatives(client):
    InitiativeFactory(title="Verified parity act")
    InitiativeFactory(title="Unchecked bill", review_state="reported")
    body = client.get(reverse("home")).content.decode()
    assert "Verified parity act" in body
    assert "Unchecked bill" not in body


def test_it_shows_only_practices_allowed_to_be_named(client):
    PracticeFactory(title="Named warmline", status="accepted", name_publicly=True)
    PracticeFactory(title="Quiet warmline", status="accepted", name_publicly=False)
    body = client.get(reverse("home")).content.decode()
    assert "Named warmline" in body
    assert "Quiet warmline" not in body


def test_it_keeps_one_copy_of_the_figures_per_language(client, monkeypatch):
    """The map and the labels are in the reader's language: each language builds its own."""
    built = []
    face = views.public_face
    monkeypatch.setattr(
        views, "public_face", lambda: built.append(translation.get_language()) or face()
    )
    for language in ["en", "en", "es"]:
        client.get(reverse("home"), headers={"accept-language": language})
    assert built == ["en", "es"]


@pytest.mark.parametrize(
    "name", ["home", "about", "partner", "contact", "privacy", "accessibility"]
)
def test_it_describes_every_public_page(client, name):
    body = client.get(reverse(name)).content.decode()
    assert '<meta name="description" content="' in body
    assert 'content=""' not in body
