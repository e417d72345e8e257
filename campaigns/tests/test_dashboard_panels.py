"""The coalition part of the dashboard is read once, shared, and never shown stale."""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse

from campaigns import services
from campaigns.dashboard import PANELS, coalition_panels, content_changed
from campaigns.tests.factories import (
    AgendaItemFactory,
    CoalitionUpdateFactory,
    DayOfActionFactory,
    StrategyCallFactory,
    local,
)
from coalition import fragments


@pytest.fixture(autouse=True)
def _december_first(time_machine):
    time_machine.move_to(local(2026, 12, 1, 9), tick=False)


def dashboard(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("dashboard")).content.decode()


def test_the_panels_are_read_once_and_then_come_from_the_cache(call, django_assert_num_queries):
    first = coalition_panels()
    with django_assert_num_queries(1):  # the cache, nothing else
        again = coalition_panels()
    assert again["next_call"]["call"] == call == first["next_call"]["call"]


def test_an_edited_agenda_item_shows_at_once(client, member_a, call):
    assert "Crisis-line funding" in dashboard(client, member_a)
    item = call.agenda_items.get(topic="Crisis-line funding")
    item.topic = "Crisis-line funding: the state budget"
    item.save()
    assert "Crisis-line funding: the state budget" in dashboard(client, member_a)


def test_a_cancelled_call_leaves_the_dashboard_at_once(client, member_a, call):
    assert "December strategy call" in dashboard(client, member_a)
    services.call_cancel(call=call)  # a queryset update: no signal of its own
    assert "December strategy call" not in dashboard(client, member_a)


def test_new_days_and_updates_show_at_once_and_deleted_ones_go(client, member_a, call):
    dashboard(client, member_a)
    day = DayOfActionFactory(title="Peer voices day", date=datetime.date(2026, 12, 10))
    CoalitionUpdateFactory(title="The budget passed", published_at=local(2026, 11, 30, 9))
    html = dashboard(client, member_a)
    assert "Peer voices day" in html and "The budget passed" in html
    day.delete()
    assert "Peer voices day" not in dashboard(client, member_a)


def test_a_scheduled_update_appears_at_its_publication_time(client, member_a, time_machine):
    CoalitionUpdateFactory(title="Noon news", published_at=local(2026, 12, 1, 12))
    assert "Noon news" not in dashboard(client, member_a)
    time_machine.move_to(local(2026, 12, 1, 12, 1), tick=False)
    assert "Noon news" in dashboard(client, member_a)


def test_the_next_call_moves_on_when_the_call_is_over(call, time_machine):
    later = StrategyCallFactory(title="January strategy call", starts_at=local(2027, 1, 12, 14))
    assert coalition_panels()["next_call"]["call"] == call
    time_machine.move_to(local(2026, 12, 8, 16, 1), tick=False)  # two hours after it began
    assert coalition_panels()["next_call"]["call"] == later


def test_panels_read_before_a_change_are_never_used_after_it(call):
    found = fragments.read({"panels": PANELS})["panels"]  # the version, then the rows
    stale = coalition_panels(found)
    AgendaItemFactory(call=call, position=3, topic="Late addition")
    assert len(stale["next_call"]["agenda"]) == 2
    fresh = coalition_panels()
    assert fresh["next_call"]["more_items"] == 0 and len(fresh["next_call"]["agenda"]) == 3


def version() -> str:
    return fragments.read({"panels": PANELS})["panels"].version


@pytest.mark.django_db(transaction=True)
def test_a_change_replaces_the_version_again_after_it_commits(call):
    before = version()
    with transaction.atomic():
        content_changed()
        inside = version()
    assert before != inside != version()
