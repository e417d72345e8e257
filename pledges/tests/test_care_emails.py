"""Partners who missed two months in a row get one kind email per episode."""

import datetime
import threading
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from members.tests.factories import MembershipFactory, OrganizationFactory
from pledges.care import care_sweep
from pledges.models import CareEmail, PauseRequest
from pledges.tests.factories import ActivityFactory, PledgePauseFactory

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
MAY_10 = datetime.date(2026, 5, 10)


@pytest.fixture(autouse=True)
def may_10():
    with time_machine.travel(datetime.datetime(2026, 5, 10, 9, 30, tzinfo=NEW_YORK), tick=False):
        yield


@pytest.fixture
def behind(db):
    """Took part in February, then missed March and April."""
    org = OrganizationFactory(name="Quiet Valley Peers", joined_on=datetime.date(2025, 6, 1))
    MembershipFactory(organization=org, role="admin", user__email="admin@valley.example")
    MembershipFactory(organization=org, user__email="member@valley.example")
    ActivityFactory(organization=org, occurred_on=datetime.date(2026, 2, 12))
    return org


def test_it_writes_once_to_the_admins_of_an_organization_that_fell_behind(behind, deliver_mail):
    assert care_sweep(today=MAY_10) == 1
    [email] = deliver_mail()
    assert email.to == ["admin@valley.example"]
    assert "excused month" in email.body and "List-Unsubscribe" in email.extra_headers
    assert CareEmail.objects.get().episode_start == datetime.date(2026, 3, 1)


def test_it_writes_once_per_episode(behind, mailoutbox):
    care_sweep(today=MAY_10)
    assert care_sweep(today=MAY_10) == 0
    assert care_sweep(today=datetime.date(2026, 6, 10)) == 0
    assert CareEmail.objects.count() == 1


def test_it_writes_again_in_a_new_episode(behind):
    care_sweep(today=MAY_10)
    ActivityFactory(organization=behind, occurred_on=datetime.date(2026, 5, 2))
    assert care_sweep(today=datetime.date(2026, 8, 10)) == 1
    assert CareEmail.objects.latest("pk").episode_start == datetime.date(2026, 6, 1)


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_write_once(behind):
    barrier, sent = threading.Barrier(2), []

    def sweep():
        barrier.wait()
        try:
            sent.append(care_sweep(today=MAY_10))
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert sorted(sent) == [0, 1]
    assert CareEmail.objects.count() == 1


def test_it_never_writes_to_a_paused_partnership(behind):
    behind.status = "paused"
    behind.save()
    assert care_sweep(today=MAY_10) == 0


def test_it_never_writes_to_an_organization_excused_this_month(behind):
    PledgePauseFactory(organization=behind, month=datetime.date(2026, 5, 1))
    assert care_sweep(today=MAY_10) == 0


def test_it_waits_while_the_organization_asks_for_an_excused_month(behind):
    PauseRequest.objects.create(
        organization=behind, first_month=datetime.date(2026, 5, 1), reason="crisis"
    )
    assert care_sweep(today=MAY_10) == 0


def test_staff_see_who_was_written_to_and_the_follow_up(client, behind, staff):
    care_sweep(today=MAY_10)
    CareEmail.objects.update(follow_up="Called their director <b>")
    client.force_login(staff)
    html = client.get(reverse("pledges:staff")).content.decode()
    assert "Partners we wrote to" in html and "May 10, 2026" in html
    assert "Called their director &lt;b&gt;" in html


def test_after_enough_missed_months_staff_are_asked_about_pausing(client, behind, staff, settings):
    settings.PARTNERSHIP_PAUSE_ASK_AFTER_MONTHS = 2
    care_sweep(today=MAY_10)
    client.force_login(staff)
    html = client.get(reverse("pledges:staff")).content.decode()
    assert f"?organization={behind.pk}&amp;change=pause" in html
    assert behind.status == "active"
