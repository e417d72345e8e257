import datetime
import zoneinfo

import time_machine
from django.utils import timezone

from members.tests.factories import OrganizationFactory
from pledges.models import month
from pledges.status import (
    MonthStatus,
    PledgeStatus,
    months_back,
    organizations_at_risk,
    organizations_not_met,
    pledge_grid,
    streaks,
)
from pledges.tests.factories import ActivityFactory, PledgePauseFactory, day

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
MET, EXCUSED, NOT_YET, MISSED = (
    PledgeStatus.MET,
    PledgeStatus.EXCUSED,
    PledgeStatus.NOT_YET,
    PledgeStatus.MISSED,
)


def history(*statuses) -> list[MonthStatus]:
    return [MonthStatus(day("2026-01-01"), status) for status in statuses]


@time_machine.travel(datetime.datetime(2026, 1, 31, 23, 30, tzinfo=NEW_YORK), tick=False)
def test_it_counts_half_past_eleven_on_31_january_in_new_york_for_january():
    assert timezone.now().month == 2  # already February in UTC
    assert month(timezone.now()) == day("2026-01-01")
    assert month(timezone.localdate()) == day("2026-01-01")


def test_it_puts_an_activity_time_from_another_zone_in_the_coalition_month():
    pacific = datetime.datetime(2026, 3, 31, 22, 0, tzinfo=zoneinfo.ZoneInfo("America/Los_Angeles"))
    assert month(pacific) == day("2026-04-01")  # 01:00 on 1 April in New York


def test_it_lists_twelve_months_oldest_first_across_a_year():
    months = months_back(12, today=day("2026-02-10"))
    assert months[0] == day("2025-03-01")
    assert months[-1] == day("2026-02-01")
    assert len(set(months)) == 12


def test_it_grades_met_excused_not_yet_missed_and_before_joining(db):
    org = OrganizationFactory(joined_on=day("2026-02-20"))
    ActivityFactory(organization=org, occurred_on=day("2026-03-31"))
    PledgePauseFactory(organization=org, month=day("2026-04-01"))
    months = [day(f"2026-0{n}-01") for n in range(1, 7)]
    grid = pledge_grid([org], months, today=day("2026-06-03"))[org.pk]
    assert [s.status for s in grid] == [None, MISSED, MET, EXCUSED, MISSED, NOT_YET]


def test_it_builds_the_grid_in_two_queries_whatever_the_size(db, django_assert_num_queries):
    orgs = OrganizationFactory.create_batch(5)
    for org in orgs:
        ActivityFactory(organization=org)
    with django_assert_num_queries(2):
        grid = pledge_grid(orgs, months_back(12))
    assert all(grid[org.pk][-1].status == MET for org in orgs)


def test_it_keeps_the_streak_through_an_excused_month():
    assert streaks(history(MET, EXCUSED, MET)) == (3, 3)


def test_it_breaks_the_streak_on_a_missed_month():
    assert streaks(history(MET, MET, MET, MISSED, MET)) == (1, 3)


def test_it_does_not_break_the_streak_while_the_month_is_not_yet_over():
    assert streaks(history(None, MET, MET, NOT_YET)) == (2, 2)


def test_it_has_no_streak_after_a_missed_last_month():
    assert streaks(history(MET, MISSED, NOT_YET)) == (0, 1)


def test_it_finds_who_has_not_met_this_month_in_one_query(db, django_assert_num_queries):
    met, excused, waiting = OrganizationFactory.create_batch(3)
    ActivityFactory(organization=met)
    PledgePauseFactory(organization=excused)
    OrganizationFactory(status="withdrawn")
    with django_assert_num_queries(1):
        assert list(organizations_not_met()) == [waiting]


def test_it_does_not_count_an_organization_before_the_month_it_joined(db):
    OrganizationFactory(joined_on=day("2026-05-02"))
    assert not organizations_not_met(day("2026-04-01")).exists()


def test_it_flags_an_organization_that_missed_two_months_in_a_row(db):
    steady, slipping, new = OrganizationFactory.create_batch(3, joined_on=day("2025-01-01"))
    new.joined_on = day("2026-04-10")
    new.save()
    ActivityFactory(organization=steady, occurred_on=day("2026-04-10"))
    assert list(organizations_at_risk(today=day("2026-05-15"))) == [slipping]
