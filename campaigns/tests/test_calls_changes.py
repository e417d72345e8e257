"""A change to a call, its agenda or what it links to shows on the next view of the call pages."""

import pytest
from django.urls import reverse

from campaigns import services
from campaigns.models import Initiative
from campaigns.tests.factories import (
    AgendaItemFactory,
    CallRSVPFactory,
    InitiativeFactory,
    PracticeFactory,
    ReportFactory,
    StrategyCallFactory,
    local,
)


@pytest.fixture(autouse=True)
def _december_first(time_machine):
    time_machine.move_to(local(2026, 12, 1, 9), tick=False)


def detail(client, call) -> str:
    return client.get(reverse("campaigns:call_detail", args=[call.pk])).content.decode()


def calls(client) -> str:
    return client.get(reverse("campaigns:call_list")).content.decode()


def test_an_rsvp_shows_on_the_next_view_on_both_pages(client, member_a, call):
    client.force_login(member_a)
    assert "No one has answered yet" in detail(client, call)
    client.post(reverse("campaigns:call_rsvp", args=[call.pk]), {"attending": "yes"})
    assert "1 person from 1 organization plans to come" in detail(client, call)
    assert "1 person from 1 organization planning to come" in calls(client)


def test_your_answer_shows_and_others_answers_are_not_yours(client, member_a, org_a, call):
    CallRSVPFactory(call=call)
    client.force_login(member_a)
    assert "Your answer" not in detail(client, call)
    CallRSVPFactory(call=call, user=member_a, organization=org_a, attending=False)
    assert "you can't make it" in detail(client, call)


def test_an_edited_agenda_shows_on_the_next_view(client, member_a, call):
    client.force_login(member_a)
    assert "2 agenda items" in calls(client) and "Crisis-line funding" in detail(client, call)
    item = call.agenda_items.get(topic="Crisis-line funding")
    item.topic = "Crisis-line funding: the state budget"
    item.save()
    AgendaItemFactory(call=call, position=3, topic="Late addition")
    assert "Crisis-line funding: the state budget" in detail(client, call)
    assert "Late addition" in detail(client, call) and "3 agenda items" in calls(client)


def test_links_and_what_they_link_to_show_on_the_next_view(client, member_a, call):
    item = call.agenda_items.first()
    initiative, practice = InitiativeFactory(title="Mobile crisis act"), PracticeFactory()
    client.force_login(member_a)
    detail(client, call)
    item.initiatives.add(initiative)
    practice.agenda_items.add(item)  # from the other side
    assert "Mobile crisis act" in detail(client, call) and practice.title in detail(client, call)
    services.initiative_set_status(initiative=initiative, status="passed", by=None)
    assert "Passed" in detail(client, call)
    services.initiative_close(initiative=initiative)  # a queryset update()
    assert "Mobile crisis act" not in detail(client, call)


def test_a_cancelled_call_shows_as_cancelled(client, member_a, call):
    client.force_login(member_a)
    assert "Cancelled" not in calls(client) + detail(client, call)
    services.call_cancel(call=call)  # a queryset update()
    assert "has been cancelled" in detail(client, call) and "Cancelled" in calls(client)


def test_an_organizations_own_unverified_report_shows_to_it_alone(
    client, member_a, member_b, org_a, call
):
    report = ReportFactory(
        organization=org_a, initiative__review_state=Initiative.ReviewState.REPORTED,
        initiative__title="Our county ordinance",
    )  # fmt: skip
    call.agenda_items.first().initiatives.add(report.initiative)
    client.force_login(member_a)
    assert "Our county ordinance" in detail(client, call)
    client.force_login(member_b)
    assert "Our county ordinance" not in detail(client, call)


def test_a_draft_staff_opened_stays_hidden_from_members(client, staff, member_a):
    draft = StrategyCallFactory(draft=True)
    client.force_login(staff)
    assert client.get(reverse("campaigns:call_detail", args=[draft.pk])).status_code == 200
    client.force_login(member_a)
    assert client.get(reverse("campaigns:call_detail", args=[draft.pk])).status_code == 404


def test_a_call_moves_to_past_calls_two_hours_after_it_starts(client, member_a, time_machine):
    StrategyCallFactory(title="Early call", starts_at=local(2026, 12, 1, 7, 30))
    client.force_login(member_a)
    assert "No past calls yet" in calls(client)
    time_machine.move_to(local(2026, 12, 1, 9, 31), tick=False)
    assert "No past calls yet" not in calls(client) and "Early call" in calls(client)
