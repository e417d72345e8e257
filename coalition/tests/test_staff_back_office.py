"""The admin as staff work in it: the to-do start page, decisions on each object's page,
news preferences and the history of decisions."""

import pytest
from django.urls import reverse
from post_office.models import Email

from campaigns.models import CallAttendance, Initiative, Practice, StrategyCall
from campaigns.services import call_attendance_set, practice_accept
from campaigns.tests.factories import (
    InitiativeFactory,
    PracticeFactory,
    ReportFactory,
    StrategyCallFactory,
)
from members.models import StaffNewsPreference
from members.tests.factories import ApplicationFactory, MembershipFactory
from pledges.models import Activity


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_the_start_page_counts_what_waits_and_links_to_it(staff_client):
    ApplicationFactory.create_batch(2)
    ApplicationFactory(status="declined")
    page = staff_client.get(reverse("admin:index")).content.decode()
    assert "Applications waiting for a decision" in page
    assert '<td class="todo-count">2</td>' in page
    assert "/admin/members/partnershipapplication/?status__exact=submitted" in page


def test_the_start_page_is_for_staff_only(client, member_a):
    client.force_login(member_a)
    assert client.get(reverse("admin:index")).status_code == 302


@pytest.mark.parametrize(
    ("name", "waiting"),
    [
        ("admin:campaigns_initiative_changelist", "review_state__exact=reported"),
        ("admin:campaigns_practice_changelist", "status__exact=submitted"),
    ],
)
def test_it_opens_review_queues_on_what_waits(staff_client, name, waiting):
    assert staff_client.get(reverse(name)).url == f"{reverse(name)}?{waiting}"


def test_all_shows_every_application(staff_client):
    ApplicationFactory(status="declined", name="Declined One")
    url = reverse("admin:members_partnershipapplication_changelist")
    assert "Declined One" in staff_client.get(url, {"status__exact": "all"}).content.decode()


def test_the_state_filter_is_one_drop_down(staff_client):
    url = reverse("admin:members_partnershipapplication_changelist")
    page = staff_client.get(url, {"status__exact": "all"}).content.decode()
    assert page.count("data-filter-dropdown") == 2  # state and type
    assert ">Wyoming</option>" in page


def test_publishing_from_the_call_page_says_who_is_emailed(staff_client, admin_a, member_a):
    call = StrategyCallFactory(draft=True)
    url = reverse("admin:campaigns_strategycall_announce", args=[call.pk, "publish"])
    assert "Who will be emailed: 2 people" in staff_client.get(url).content.decode()


def test_publishing_from_the_call_page_emails_each_partner_once(
    staff_client, admin_a, member_a, django_capture_on_commit_callbacks
):
    call = StrategyCallFactory(draft=True)
    url = reverse("admin:campaigns_strategycall_announce", args=[call.pk, "publish"])
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url)
        staff_client.post(url)
    assert StrategyCall.objects.get().status == "published"
    assert sorted(e.to[0] for e in Email.objects.all()) == [admin_a.email, member_a.email]


def test_cancelling_from_the_call_page_cancels_it(staff_client):
    call = StrategyCallFactory()
    staff_client.post(reverse("admin:campaigns_strategycall_announce", args=[call.pk, "cancel"]))
    call.refresh_from_db()
    assert call.status == "cancelled"


def test_an_unknown_announcement_is_not_found(staff_client):
    call = StrategyCallFactory()
    url = reverse("admin:campaigns_strategycall_announce", args=[call.pk, "launch"])
    assert staff_client.get(url).status_code == 404


def test_verifying_from_the_initiative_page_credits_and_keeps_history(staff_client, staff):
    report = ReportFactory(initiative__review_state="reported")
    url = reverse("admin:campaigns_initiative_verify", args=[report.initiative_id])
    response = staff_client.post(url, follow=True)
    assert "1 reporting organization(s) credited" in response.content.decode()
    assert Activity.objects.get().organization == report.organization
    last = Initiative.history.filter(id=report.initiative_id).latest("history_date")
    assert (last.review_state, last.history_user) == ("verified", staff)


def test_merging_from_the_initiative_page_keeps_the_one_chosen(staff_client):
    keep = InitiativeFactory(title="Crisis act", state="MA")
    other = InitiativeFactory(title="Crisis act (again)", state="MA")
    url = reverse("admin:campaigns_initiative_merge_into", args=[other.pk])
    response = staff_client.post(url, {"keep": keep.pk})
    assert response.url == reverse("admin:campaigns_initiative_change", args=[keep.pk])
    assert list(Initiative.objects.all()) == [keep]


def test_merging_into_nothing_says_what_to_do(staff_client):
    other = InitiativeFactory()
    url = reverse("admin:campaigns_initiative_merge_into", args=[other.pk])
    assert "Choose the initiative to keep." in staff_client.post(url).content.decode()


def test_a_practice_decision_keeps_who_and_why(staff):
    practice = PracticeFactory(status="submitted")
    practice_accept(practice=practice, reviewer=staff, note="Thank you, shared.")
    last = Practice.history.filter(id=practice.pk).latest("history_date")
    assert (last.status, last.review_note) == ("accepted", "Thank you, shared.")


def test_attendance_changes_show_on_the_call_page(staff_client, staff, org_a):
    call = StrategyCallFactory()
    call_attendance_set(call=call, organizations=[org_a], by=staff)
    call_attendance_set(call=call, organizations=[], by=staff)
    assert CallAttendance.history.count() == 2
    page = staff_client.get(reverse("admin:campaigns_strategycall_change", args=[call.pk]))
    assert f"{org_a.name} removed" in page.content.decode()


def test_staff_choose_their_own_news_emails(staff_client, staff):
    url = reverse("admin:members_staffnewspreference_mine")
    staff_client.post(url, {"frequency": "daily"})
    assert StaffNewsPreference.objects.get().frequency == "daily"
    assert "One daily digest" in staff_client.get(reverse("admin:index")).content.decode()


def test_a_bad_news_choice_saves_nothing(staff_client):
    url = reverse("admin:members_staffnewspreference_mine")
    response = staff_client.post(url, {"frequency": "hourly"})
    assert "Select a valid choice" in response.content.decode()
    assert not StaffNewsPreference.objects.exists()


def test_approving_links_to_the_new_organization(staff_client):
    application = ApplicationFactory(name="Riverside Peer Center")
    url = reverse("admin:members_partnershipapplication_decide", args=[application.pk, "approve"])
    page = staff_client.post(url, {"reason": ""}, follow=True).content.decode()
    application.refresh_from_db()
    assert reverse("admin:members_organization_change", args=[application.organization_id]) in page


def test_history_of_an_initiative_with_text_for_an_id_is_not_found(staff_client):
    url = reverse("admin:campaigns_initiative_history", args=["abc"])
    assert staff_client.get(url).status_code == 404


QUEUES = [
    ("members_partnershipapplication", "status__exact=all", ApplicationFactory, 9),
    ("members_organization", "", MembershipFactory, 7),
    ("campaigns_initiative", "review_state__exact=all", ReportFactory, 10),
    ("campaigns_practice", "status__exact=all", PracticeFactory, 10),
    ("campaigns_strategycall", "", StrategyCallFactory, 9),
]


@pytest.mark.parametrize("rows", [3, 30])
@pytest.mark.parametrize(("model", "query", "factory", "queries"), QUEUES)
def test_changelist_queries_are_pinned_and_flat(
    staff_client, django_assert_num_queries, model, query, factory, queries, rows
):
    factory.create_batch(rows)
    with django_assert_num_queries(queries):
        response = staff_client.get(f"{reverse(f'admin:{model}_changelist')}?{query}")
    assert len(response.context["cl"].result_list) == rows


def test_accepting_a_practice_from_its_page_links_to_it(staff_client):
    practice = PracticeFactory(status="submitted", title="Evening warmline")
    url = reverse("admin:campaigns_practice_decide", args=[practice.pk, "accept"])
    page = staff_client.post(url, {"confirm": "yes", "reason": ""}, follow=True)
    assert reverse("campaigns:practice_detail", args=[practice.pk]) in page.content.decode()
