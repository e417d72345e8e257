import datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from members.tests.factories import MembershipFactory, OrganizationFactory
from pledges.models import Activity
from pledges.tests.factories import ActivityFactory, day

TODAY = datetime.datetime(2026, 5, 20, 12, 0)
pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def form(**overrides) -> dict:
    return {"kind": "day_of_action", "occurred_on": "2026-05-12", "summary": "Rally.", **overrides}


def credit(org) -> Activity:
    return ActivityFactory(
        organization=org,
        source_type=ContentType.objects.get_for_model(org),
        source_id=org.pk,
    )


def test_it_lists_the_organizations_activities(client, member_a, org_a, org_b):
    ActivityFactory(organization=org_a, summary="Our own call")
    ActivityFactory(organization=org_b, summary="Somebody else's call")
    client.force_login(member_a)
    response = client.get(reverse("pledges:activity_list"))
    assert "Our own call" in response.text
    assert "Somebody else" not in response.text


def test_it_sends_anonymous_visitors_to_login(client, org_a):
    activity = ActivityFactory(organization=org_a)
    for url in (
        reverse("pledges:activity_list"),
        reverse("pledges:activity_new"),
        reverse("pledges:activity_edit", args=[activity.pk]),
        reverse("pledges:activity_delete", args=[activity.pk]),
    ):
        assert client.get(url).url.startswith(reverse("account_login"))


def test_it_shows_404_to_someone_without_a_partner(client, staff):
    client.force_login(staff)
    assert client.get(reverse("pledges:activity_list")).status_code == 404
    assert client.get(reverse("pledges:activity_new")).status_code == 404


def test_any_member_logs_an_activity(client, member_a, org_a):
    client.force_login(member_a)
    response = client.post(reverse("pledges:activity_new"), form())
    assert response.status_code == 302
    activity = org_a.activities.get()
    assert (activity.logged_by, activity.occurred_on) == (member_a, day("2026-05-12"))


@pytest.mark.parametrize(
    ("date", "message"),
    [("2026-05-21", "in the future"), ("2026-03-31", "this month or last month only")],
)
def test_it_refuses_a_date_outside_the_window(client, member_a, org_a, date, message):
    client.force_login(member_a)
    response = client.post(reverse("pledges:activity_new"), form(occurred_on=date))
    assert message in response.text
    assert 'id="id_occurred_on"' in response.text and "is-invalid" in response.text
    assert not org_a.activities.exists()


def test_it_accepts_the_first_day_of_last_month(client, member_a, org_a):
    client.force_login(member_a)
    client.post(reverse("pledges:activity_new"), form(occurred_on="2026-04-01"))
    assert org_a.activities.count() == 1


def test_a_member_edits_this_months_entry(client, member_a, org_a):
    activity = ActivityFactory(organization=org_a)
    client.force_login(member_a)
    client.post(reverse("pledges:activity_edit", args=[activity.pk]), form(summary="Changed"))
    activity.refresh_from_db()
    assert activity.summary == "Changed"


def test_a_stranger_gets_404_on_another_organizations_entry(client, member_b, org_a):
    activity = ActivityFactory(organization=org_a)
    client.force_login(member_b)
    assert client.get(reverse("pledges:activity_edit", args=[activity.pk])).status_code == 404
    assert client.post(reverse("pledges:activity_delete", args=[activity.pk])).status_code == 404
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_it_refuses_to_edit_a_credited_entry_and_says_why(client, member_a, org_a):
    activity = credit(org_a)
    client.force_login(member_a)
    response = client.post(reverse("pledges:activity_edit", args=[activity.pk]), form())
    assert response.status_code == 403
    assert "credited automatically" in response.text


def test_it_refuses_to_delete_last_months_entry(client, member_a, org_a):
    activity = ActivityFactory(organization=org_a, occurred_on=day("2026-04-30"))
    client.force_login(member_a)
    response = client.post(reverse("pledges:activity_delete", args=[activity.pk]))
    assert response.status_code == 403
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_it_asks_before_deleting_and_deletes_on_post(client, member_a, org_a):
    activity = ActivityFactory(organization=org_a)
    client.force_login(member_a)
    page = client.get(reverse("pledges:activity_delete", args=[activity.pk]))
    assert "Remove this activity?" in page.text
    client.post(reverse("pledges:activity_delete", args=[activity.pk]))
    assert not Activity.objects.filter(pk=activity.pk).exists()


def test_it_shows_where_a_credit_came_from_without_edit_links(client, member_a, org_a):
    activity = credit(org_a)
    client.force_login(member_a)
    response = client.get(reverse("pledges:activity_list"))
    assert "Credited automatically from organization" in response.text
    assert reverse("pledges:activity_edit", args=[activity.pk]) not in response.text


@pytest.mark.parametrize("count", [3, 30])
def test_the_log_takes_the_same_queries_at_any_size(
    client, member_a, org_a, count, django_assert_num_queries
):
    for _ in range(count):
        ActivityFactory(organization=org_a, logged_by=member_a)
        OrganizationFactory()
    credit(org_a)
    client.force_login(member_a)
    with django_assert_num_queries(6):  # the session, its person, 2, the savepoint pair
        client.get(reverse("pledges:activity_list"))


def test_it_pages_the_log_by_fifty(client, member_a, org_a):
    ActivityFactory.create_batch(51, organization=org_a)
    client.force_login(member_a)
    response = client.get(reverse("pledges:activity_list"))
    assert "Page 1 of 2" in response.text
    assert len(response.context["rows"]) == 50


def test_a_second_member_of_the_same_organization_can_edit(client, org_a):
    activity = ActivityFactory(organization=org_a)
    other = MembershipFactory(organization=org_a).user
    client.force_login(other)
    assert client.get(reverse("pledges:activity_edit", args=[activity.pk])).status_code == 200


def test_half_past_eleven_on_31_january_in_new_york_is_still_january(client, member_a, org_a):
    new_york = datetime.timezone(datetime.timedelta(hours=-5))
    with time_machine.travel(datetime.datetime(2026, 1, 31, 23, 30, tzinfo=new_york), tick=False):
        client.force_login(member_a)
        response = client.post(reverse("pledges:activity_new"), form(occurred_on="2026-01-31"))
        assert response.status_code == 302  # not "in the future", though UTC is in February
        assert client.get(reverse("dashboard")).context["this_month"].status == "met"
    assert org_a.activities.get().occurred_on == day("2026-01-31")
