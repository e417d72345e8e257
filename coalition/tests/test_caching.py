"""The dashboard's coalition panels are shared through the cache and never shown stale."""

import base64
import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

from campaigns import services
from campaigns.tests.factories import (
    AgendaItemFactory,
    CoalitionUpdateFactory,
    DayOfActionFactory,
    StrategyCallFactory,
    local,
)
from coalition.caching import coalition_panels


@pytest.fixture(autouse=True)
def _december_first(time_machine):
    # The clock ticks: each save stamps its own updated_at.
    time_machine.move_to(local(2026, 12, 1, 9))


@pytest.fixture
def call(db):
    call = StrategyCallFactory(title="December strategy call", starts_at=local(2026, 12, 8, 14))
    AgendaItemFactory(call=call, position=1, topic="Welcome and new partners")
    AgendaItemFactory(call=call, position=2, topic="Crisis-line funding")
    return call


def dashboard(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("dashboard")).text


def test_it_reads_the_panels_once_and_then_shares_them(call, django_assert_num_queries):
    first = coalition_panels(local(2026, 12, 1, 9))
    # What the panels show (the call, its agenda, the days, the updates), then the cache.
    with django_assert_num_queries(5):
        again = coalition_panels(local(2026, 12, 1, 9))
    assert again == first and "December strategy call" in again["next_call_html"]


def test_it_keeps_one_copy_of_the_panels_per_language(call):
    """The call panel is rendered text: a Spanish reader never gets the English copy."""
    now = local(2026, 12, 1, 9)
    with translation.override("en"):
        english = coalition_panels(now)["next_call_html"]
    with translation.override("es"):
        spanish = coalition_panels(now)["next_call_html"]
    assert english != spanish
    assert "diciembre" in spanish and "December" in english


def test_it_keeps_no_model_instance_in_the_cache(client, member_a, call):
    DayOfActionFactory(date=datetime.date(2026, 12, 10))
    CoalitionUpdateFactory(published_at=local(2026, 11, 30, 9))
    dashboard(client, member_a)
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM coalition_cache")
        kept = b"".join(base64.b64decode(row[0]) for row in cursor.fetchall())
    assert b"December strategy call" in kept and b"model_unpickle" not in kept


def test_an_edited_agenda_item_shows_on_the_next_view(client, member_a, call):
    assert "Crisis-line funding" in dashboard(client, member_a)
    item = call.agenda_items.get(topic="Crisis-line funding")
    item.topic = "Crisis-line funding: the state budget"
    item.save()
    assert "Crisis-line funding: the state budget" in dashboard(client, member_a)


def test_a_new_agenda_item_counts_on_the_next_view(client, member_a, call):
    AgendaItemFactory(call=call, position=3, topic="Peer support")
    assert "and 1 more item" not in dashboard(client, member_a)
    AgendaItemFactory(call=call, position=4, topic="Late addition")
    assert "and 1 more item" in dashboard(client, member_a)


def test_a_cancelled_call_leaves_the_dashboard(client, member_a, call):
    assert "December strategy call" in dashboard(client, member_a)
    services.call_cancel(call=call)  # a queryset update()
    assert "December strategy call" not in dashboard(client, member_a)


def test_new_edited_and_deleted_days_of_action_show(client, member_a, call):
    dashboard(client, member_a)
    day = DayOfActionFactory(title="Peer voices day", date=datetime.date(2026, 12, 10))
    assert "Peer voices day" in dashboard(client, member_a)
    day.title = "Peer voices week"
    day.save()
    assert "Peer voices week" in dashboard(client, member_a)
    day.delete()
    assert "Peer voices week" not in dashboard(client, member_a)


def test_new_and_edited_updates_show(client, member_a, call):
    dashboard(client, member_a)
    update = CoalitionUpdateFactory(title="The budget passed", published_at=local(2026, 11, 30))
    assert "The budget passed" in dashboard(client, member_a)
    update.title = "The budget passed the Senate"
    update.save()
    assert "The budget passed the Senate" in dashboard(client, member_a)


def test_a_scheduled_update_appears_at_its_publication_time(client, member_a, time_machine):
    CoalitionUpdateFactory(title="Noon news", published_at=local(2026, 12, 1, 12))
    assert "Noon news" not in dashboard(client, member_a)
    time_machine.move_to(local(2026, 12, 1, 12, 1))
    assert "Noon news" in dashboard(client, member_a)


def test_the_next_call_moves_on_when_the_call_is_over(client, member_a, call, time_machine):
    StrategyCallFactory(title="January strategy call", starts_at=local(2027, 1, 12, 14))
    assert "December strategy call" in dashboard(client, member_a)
    time_machine.move_to(local(2026, 12, 8, 16, 1))  # two hours after it began
    assert "January strategy call" in dashboard(client, member_a)


def test_a_day_of_action_can_be_recorded_from_its_day(client, member_a, time_machine):
    DayOfActionFactory(title="Peer voices day", date=datetime.date(2026, 12, 2))
    assert "You can record taking part from December 2" in dashboard(client, member_a)
    time_machine.move_to(local(2026, 12, 2, 9))
    assert "We took part" in dashboard(client, member_a)


def test_it_keeps_only_plain_text_never_lazy_translations(client, member_a, staff, call):
    """A lazy translation pickled into the cache is rebuilt on every read (a tenth of a
    millisecond each) and is not plain data: every cached value holds finished text."""
    client.get(reverse("home"))
    client.get(reverse("members:directory"))
    client.get(reverse("campaigns:priority_list"))
    client.force_login(member_a)
    client.get(reverse("dashboard"))
    client.force_login(staff)
    client.get(reverse("pledges:staff"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM coalition_cache")
        # Stored as ":<version>:<key>" (Django's default key function).
        values = [cache.get(row[0].split(":", 2)[2]) for row in cursor.fetchall()]
    assert len(values) >= 5

    def lazy_in(value) -> bool:
        if isinstance(value, Promise):
            return True
        if isinstance(value, dict):
            return any(lazy_in(item) for item in value.values())
        if isinstance(value, list | tuple):
            return any(lazy_in(item) for item in value)
        return False

    assert not [value for value in values if lazy_in(value)]
