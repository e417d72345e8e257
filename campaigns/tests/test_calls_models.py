import time_machine

from campaigns.services import same_weekday_next_month
from campaigns.tests.factories import StrategyCallFactory, local


def test_it_names_the_time_and_zone_in_the_coalitions_clock(db):
    call = StrategyCallFactory(starts_at=local(2026, 12, 8, 14))
    assert call.starts_at.utcoffset() is not None
    assert call.when_display() == (
        "Tuesday, December 8, 2026, 2:00 PM to 3:00 PM Eastern Time (EST)"
    )


def test_it_names_daylight_time_in_summer(db):
    call = StrategyCallFactory(starts_at=local(2026, 7, 14, 14), duration_minutes=90)
    assert call.when_display().endswith("2:00 PM to 3:30 PM Eastern Time (EDT)")


def test_it_keeps_the_weekday_of_the_month_and_wall_clock_across_dst():
    # Second Tuesday of October (EDT) -> second Tuesday of November (EST), still 2 PM.
    assert same_weekday_next_month(local(2026, 10, 13, 14)) == local(2026, 11, 10, 14)


def test_it_uses_the_last_weekday_when_next_month_has_no_fifth_one():
    # Fifth Thursday of October 2026 -> November has four Thursdays: the 26th.
    assert same_weekday_next_month(local(2026, 10, 29, 11)) == local(2026, 11, 26, 11)


def test_it_rolls_over_the_year():
    assert same_weekday_next_month(local(2026, 12, 8, 14)) == local(2027, 1, 12, 14)


@time_machine.travel(local(2026, 12, 1, 9), tick=False)
def test_it_lists_calls_still_under_way_as_upcoming(db):
    from campaigns.models import StrategyCall

    StrategyCallFactory(title="Now", starts_at=local(2026, 12, 1, 8))
    StrategyCallFactory(title="Earlier", starts_at=local(2026, 11, 30, 14))
    assert [c.title for c in StrategyCall.objects.upcoming()] == ["Now"]
    assert [c.title for c in StrategyCall.objects.past()] == ["Earlier"]
