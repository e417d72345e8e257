import pytest

from campaigns.models import CallAttendance
from campaigns.services import call_attendance_set
from campaigns.tests.factories import StrategyCallFactory, local
from pledges.models import Activity


@pytest.fixture
def late_call(db):
    """11 PM Eastern on Nov 30 is December in UTC: the credit must land in November."""
    return StrategyCallFactory(title="Late call", starts_at=local(2026, 11, 30, 23))


def test_it_credits_the_month_of_the_call_in_the_coalition_zone(late_call, org_a, staff):
    call_attendance_set(call=late_call, organizations=[org_a], by=staff)
    activity = Activity.objects.in_month(local(2026, 11, 1).date()).get(organization=org_a)
    assert activity.kind == Activity.Kind.STRATEGY_CALL
    assert "Late call" in activity.summary and activity.link.endswith(f"/calls/{late_call.pk}/")


def test_it_credits_once_however_often_attendance_is_saved(late_call, org_a, org_b, staff):
    call_attendance_set(call=late_call, organizations=[org_a], by=staff)
    call_attendance_set(call=late_call, organizations=[org_a, org_b], by=staff)
    call_attendance_set(call=late_call, organizations=[org_b, org_a], by=staff)
    assert CallAttendance.objects.count() == 2
    assert Activity.objects.filter(organization=org_a).count() == 1


def test_it_takes_the_credit_back_when_attendance_is_removed(late_call, org_a, org_b, staff):
    call_attendance_set(call=late_call, organizations=[org_a, org_b], by=staff)
    added, removed = call_attendance_set(call=late_call, organizations=[org_b], by=staff)
    assert (added, removed) == (0, 1)
    assert not Activity.objects.filter(organization=org_a).exists()
    assert Activity.objects.filter(organization=org_b).count() == 1
