"""Whatever staff delete in the admin takes back the pledge credit it gave."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from campaigns.models import CallAttendance
from campaigns.services import (
    call_attendance_set,
    day_of_action_took_part,
    practice_accept,
    update_share,
)
from pledges.models import Activity

from .factories import (
    CoalitionUpdateFactory,
    DayOfActionFactory,
    PracticeFactory,
    StrategyCallFactory,
)


def took_part(membership, staff):
    return day_of_action_took_part(day=DayOfActionFactory(), membership=membership)[0]


def shared(membership, staff):
    return update_share(update=CoalitionUpdateFactory(), membership=membership, reach=None)[0]


def accepted_practice(membership, staff):
    practice = PracticeFactory(organization=membership.organization, status="submitted")
    return practice_accept(practice=practice, reviewer=staff)


def attended(membership, staff):
    call = StrategyCallFactory()
    call_attendance_set(call=call, organizations=[membership.organization], by=staff)
    return CallAttendance.objects.get(call=call)


SOURCES = {"participation": took_part, "share": shared, "practice": accepted_practice}
# Deleting these deletes the sources under them.
EVENTS = {"day of action": (took_part, "day"), "update": (shared, "update")}
HOW = pytest.mark.parametrize("bulk", [False, True], ids=["single", "bulk"])


def delete_in_admin(client, obj, *, bulk: bool) -> None:
    opts = obj._meta
    if bulk:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        data = {"action": "delete_selected", ACTION_CHECKBOX_NAME: [obj.pk], "post": "yes"}
    else:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])
        data = {"post": "yes"}
    assert client.post(url, data).status_code == 302
    assert not type(obj).objects.filter(pk=obj.pk).exists()


@HOW
@pytest.mark.parametrize("make", SOURCES.values(), ids=SOURCES.keys())
def test_it_takes_back_the_credit_of_a_source_deleted_in_the_admin(
    client, staff, member_a, make, bulk
):
    source = make(member_a.membership, staff)
    assert Activity.objects.filter(source_id=source.pk).exists()
    client.force_login(staff)
    delete_in_admin(client, source, bulk=bulk)
    assert not Activity.objects.exists()


@HOW
@pytest.mark.parametrize(("make", "event"), EVENTS.values(), ids=EVENTS.keys())
def test_it_takes_back_the_credits_under_an_event_deleted_in_the_admin(
    client, staff, member_a, make, event, bulk
):
    source = make(member_a.membership, staff)
    assert Activity.objects.filter(source_id=source.pk).exists()
    client.force_login(staff)
    delete_in_admin(client, getattr(source, event), bulk=bulk)
    assert not Activity.objects.exists()


def test_it_keeps_a_call_with_attendance_out_of_the_admins_delete(client, staff, member_a):
    """Attendance changes only through the attendance page, which takes credits back."""
    attendance = attended(member_a.membership, staff)
    client.force_login(staff)
    url = reverse("admin:campaigns_strategycall_delete", args=[attendance.call_id])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Activity.objects.filter(source_id=attendance.pk).exists()
