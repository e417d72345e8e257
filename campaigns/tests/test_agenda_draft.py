"""Drafting next month's agenda from what the portal knows."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from campaigns.models import AgendaItem, StrategyCall
from campaigns.services.agenda_draft import agenda_draft

from .factories import (
    AgendaItemFactory,
    DayOfActionFactory,
    InitiativeFactory,
    PracticeFactory,
    StrategyCallFactory,
    TopicFactory,
    local,
)


@pytest.fixture
def month(db):
    """November's call, then what happened before December's call on the 8th."""
    november = StrategyCallFactory(title="November call", starts_at=local(2026, 11, 10, 14))
    AgendaItemFactory(call=november, position=1, topic="Welcome", standing=True)
    AgendaItemFactory(call=november, position=2, topic="Funding update", standing=False)
    crisis = TopicFactory(name="Crisis care", slug="crisis-care", position=1)
    housing = TopicFactory(name="Housing", slug="housing", position=2)
    for title, topic, priority, day in [
        ("Warmline act", crisis, "low", 12),
        ("Mobile teams act", crisis, "high", 20),
        ("Supportive housing act", housing, "medium", 15),
    ]:
        initiative = InitiativeFactory(
            title=title,
            review_state="verified",
            priority=priority,
            verified_at=local(2026, 11, day, 9),
        )
        initiative.topics.add(topic)
    InitiativeFactory(title="Old act", review_state="verified", verified_at=local(2026, 11, 1, 9))
    InitiativeFactory(title="Unverified act", review_state="reported")
    DayOfActionFactory(title="988 day", date=local(2026, 12, 20, 0).date(), is_published=True)
    DayOfActionFactory(title="Past day", date=local(2026, 11, 20, 0).date(), is_published=True)
    PracticeFactory(title="Peer respite", status="accepted", decided_at=local(2026, 11, 25, 9))
    PracticeFactory(title="Old practice", status="accepted", decided_at=local(2026, 11, 2, 9))
    return november


def test_it_drafts_exactly_the_expected_items_in_order(month):
    december = StrategyCallFactory(
        title="December call", starts_at=local(2026, 12, 8, 14), draft=True
    )
    agenda_draft(call=december)
    assert [item.topic for item in december.agenda_items.all()] == [
        "Welcome",
        "Crisis care: Mobile teams act",
        "Crisis care: Warmline act",
        "Housing: Supportive housing act",
        "Day of action: 988 day",
        "Best practice: Peer respite",
    ]


def test_each_drafted_item_says_where_it_came_from_and_links_its_source(month):
    december = StrategyCallFactory(starts_at=local(2026, 12, 8, 14), draft=True)
    items = agenda_draft(call=december)
    assert items[0].drafted_from == "Standing item"
    assert items[1].drafted_from == "Initiative verified on November 20, high priority"
    assert items[1].initiatives.get().title == "Mobile teams act"
    assert items[-1].practices.get().title == "Peer respite"


def test_copying_last_months_call_drafts_its_agenda(client, staff, month):
    client.force_login(staff)
    data = {"action": "copy_to_next_month", ACTION_CHECKBOX_NAME: [month.pk]}
    client.post(reverse("admin:campaigns_strategycall_changelist"), data)
    copy = StrategyCall.objects.get(status="draft")
    topics = list(copy.agenda_items.values_list("topic", flat=True))
    assert topics[0] == "Welcome" and "Best practice: Peer respite" in topics
    assert topics.count("Welcome") == 1


def test_staff_drop_a_drafted_item_like_any_other(month):
    december = StrategyCallFactory(starts_at=local(2026, 12, 8, 14), draft=True)
    items = agenda_draft(call=december)
    items[1].delete()
    assert AgendaItem.objects.filter(call=december).count() == len(items) - 1
