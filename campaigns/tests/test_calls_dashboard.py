import datetime

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from campaigns.dashboard import days_of_action_panel, next_call_html, upcoming_days
from campaigns.hooks import upcoming_for_month
from campaigns.models import DayOfActionParticipation
from campaigns.tests.factories import AgendaItemFactory, DayOfActionFactory, local


@pytest.fixture(autouse=True)
def _december_first(time_machine):
    time_machine.move_to(local(2026, 12, 1, 9), tick=False)


def render(template: str, ctx: dict, user) -> str:
    request = RequestFactory().get("/dashboard/")
    request.user = user
    return render_to_string(template, ctx, request=request)


def test_the_next_call_panel_shows_the_first_three_items(member_a, call):
    AgendaItemFactory.create_batch(3, call=call, position=5, topic="Later item")
    html = next_call_html(local(2026, 12, 1, 9))
    assert "Welcome and new partners" in html and "Crisis-line funding" in html
    assert html.count("Later item") == 1
    assert "and 2 more items." in html and call.get_absolute_url() in html


def test_the_panels_are_empty_without_anything_planned(member_a, db):
    assert next_call_html(local(2026, 12, 1, 9)) == ""
    assert days_of_action_panel(upcoming_days(datetime.date(2026, 12, 1)), None) is None


def test_the_days_panel_shows_took_part_for_the_own_organization_only(member_a, member_b, db):
    day = DayOfActionFactory(title="Peer voices day", date=datetime.date(2026, 12, 1))
    DayOfActionParticipation.objects.create(day=day, organization=member_b.membership.organization)
    ctx = {
        "days_panel": days_of_action_panel(
            upcoming_days(datetime.date(2026, 12, 1)), member_a.membership.organization
        ),
        "membership": member_a.membership,
    }
    html = render("campaigns/_dashboard_days_of_action.html", ctx, member_a)
    assert "We took part" in html and "Your organization took part" not in html
    assert 'name="next" value="/dashboard/"' in html


def test_the_reminder_hook_lists_what_is_still_ahead_this_month(call, db):
    DayOfActionFactory(title="Peer voices day", date=datetime.date(2026, 12, 10))
    DayOfActionFactory(title="January day", date=datetime.date(2027, 1, 5))
    items = upcoming_for_month(datetime.date(2026, 12, 1))
    assert [i["title"] for i in items] == [
        "Strategy call: December strategy call",
        "Day of action: Peer voices day",
    ]
    assert items[0]["when"] == local(2026, 12, 8, 14)
    assert items[1]["when"] == datetime.date(2026, 12, 10)
    assert "#day-" in items[1]["url"]
