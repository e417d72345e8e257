import pytest
from django.urls import reverse

from campaigns.tests.factories import InitiativeFactory, PracticeFactory, StrategyCallFactory
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


def test_a_spanish_reader_gets_the_spanish_map_after_an_english_one(client):
    """The map is kept drawn in the cache: one copy per language."""
    OrganizationFactory(state="NC", listed_in_directory=True)
    english = client.get(reverse("home"), headers={"accept-language": "en"}).text
    spanish = client.get(reverse("home"), headers={"accept-language": "es"}).text
    assert "North Carolina:" in english and "partner</span>" in english
    assert "Carolina del Norte:" in spanish and "aliada</span>" in spanish
