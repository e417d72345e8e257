import datetime
import threading

import pytest
import time_machine
from django.db import connection

from campaigns.models import Initiative, InitiativeStatusChange, Report
from campaigns.services import (
    AlreadyReported,
    initiative_merge,
    initiative_set_status,
    initiative_similar_titles,
    initiative_verify,
    report_file,
)
from members.tests.factories import OrganizationFactory
from pledges.models import Activity

from .factories import InitiativeFactory, ReportFactory, TopicFactory


def data(**overrides) -> dict:
    base = {
        "title": "Mobile crisis response act",
        "level": "state",
        "state": "MA",
        "jurisdiction": "",
        "bill_number": "H.B. 1234",
        "status": "introduced",
        "introduced_on": datetime.date(2026, 2, 3),
        "next_hearing_on": None,
        "summary": "Mobile crisis teams.",
        "source_url": "",
        "topics": [],
        "suggested_position": "support",
        "note": "",
    }
    return {**base, **overrides}


def test_it_creates_an_initiative_with_its_first_report(org_a, member_a):
    initiative, report, created = report_file(organization=org_a, user=member_a, data=data())
    assert created and initiative.jurisdiction == "Massachusetts"
    assert report.organization == org_a and initiative.review_state == "reported"
    assert initiative.status_changes.get().to_status == "introduced"


@pytest.mark.parametrize("number", ["HB1234", "hb 1234", "H.B.1234"])
def test_it_adds_a_second_report_of_the_same_bill_to_the_same_initiative(
    org_a, member_a, member_b, org_b, number
):
    first, _, _ = report_file(organization=org_a, user=member_a, data=data())
    second, _, created = report_file(
        organization=org_b, user=member_b, data=data(bill_number=number, title="Crisis bill")
    )
    assert second == first and not created
    assert first.reports.count() == 2 and Initiative.objects.count() == 1


def test_a_state_bill_is_matched_whatever_the_jurisdiction_typed(org_a, member_a, org_b, member_b):
    first, _, _ = report_file(organization=org_a, user=member_a, data=data(jurisdiction="Mass."))
    second, _, _ = report_file(organization=org_b, user=member_b, data=data())
    assert first == second and first.jurisdiction == "Massachusetts"


def test_it_matches_a_city_ordinance_whatever_the_case(org_a, member_a, org_b, member_b):
    local = {"level": "city", "bill_number": "Ord. 26-3"}
    first, _, _ = report_file(
        organization=org_a, user=member_a, data=data(jurisdiction=" Boston ", **local)
    )
    second, _, _ = report_file(
        organization=org_b, user=member_b, data=data(jurisdiction="boston", **local)
    )
    assert first == second and first.jurisdiction == "Boston"


def test_it_keeps_bills_of_different_places_apart(org_a, member_a, org_b, member_b):
    report_file(organization=org_a, user=member_a, data=data())
    _, _, created = report_file(organization=org_b, user=member_b, data=data(state="AZ"))
    assert created and Initiative.objects.count() == 2


def test_it_refuses_a_second_report_by_the_same_organization(org_a, member_a, admin_a):
    report_file(organization=org_a, user=member_a, data=data())
    with pytest.raises(AlreadyReported):
        report_file(organization=org_a, user=admin_a, data=data(bill_number="HB 1234"))
    assert Report.objects.count() == 1


def test_it_fills_blanks_of_an_unverified_initiative_from_a_later_report(
    org_a, member_a, org_b, member_b
):
    report_file(organization=org_a, user=member_a, data=data(summary=""))
    initiative, _, _ = report_file(
        organization=org_b, user=member_b, data=data(summary="Adds 24/7 teams.")
    )
    assert Initiative.objects.get(pk=initiative.pk).summary == "Adds 24/7 teams."


def test_it_offers_close_titles_in_the_same_jurisdiction_only(db):
    boston = InitiativeFactory(
        level="city", jurisdiction="Boston", bill_number="", title="Crisis response teams"
    )
    InitiativeFactory(level="city", jurisdiction="Worcester", bill_number="", title=boston.title)
    found = initiative_similar_titles(
        title="crisis response team ordinance", level="city", state="MA", jurisdiction="boston"
    )
    assert found == [boston]


def test_verifying_credits_each_reporting_organization_once(org_a, org_b, staff):
    initiative = InitiativeFactory(review_state="reported")
    ReportFactory(initiative=initiative, organization=org_a)
    ReportFactory(initiative=initiative, organization=org_b)
    assert initiative_verify(initiative=initiative, by=staff) is True
    assert initiative_verify(initiative=initiative, by=staff) is False
    assert Activity.objects.filter(kind="legislative_report").count() == 2


def test_it_credits_the_month_the_organization_reported_in_coalition_time(org_a, staff):
    # 02:00 UTC on March 1 is still February 28 in New York.
    with time_machine.travel(datetime.datetime(2026, 3, 1, 2, 0, tzinfo=datetime.UTC)):
        report = ReportFactory(organization=org_a, initiative__review_state="reported")
    initiative_verify(initiative=report.initiative, by=staff)
    assert Activity.objects.get().occurred_on == datetime.date(2026, 2, 28)


def test_a_report_joining_a_verified_initiative_is_credited_at_once(org_a, member_a):
    InitiativeFactory(bill_number="HB 1234", review_state="verified")
    _, report, _ = report_file(organization=org_a, user=member_a, data=data())
    assert Activity.objects.get().source == report


def test_a_report_on_an_unverified_initiative_is_not_credited(org_a, member_a):
    report_file(organization=org_a, user=member_a, data=data())
    assert not Activity.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_staff_verifying_at_once_credit_once(org_a, org_b, staff):
    initiative = InitiativeFactory(review_state="reported")
    ReportFactory(initiative=initiative, organization=org_a)
    ReportFactory(initiative=initiative, organization=org_b)
    results, barrier = [], threading.Barrier(2)

    def verify():
        barrier.wait()
        try:
            results.append(initiative_verify(initiative=initiative, by=staff))
        finally:
            connection.close()

    threads = [threading.Thread(target=verify) for _ in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert sorted(results) == [False, True]
    assert Activity.objects.count() == 2


def test_it_records_status_changes_with_who(staff):
    initiative = InitiativeFactory(status="introduced")
    assert initiative_set_status(initiative=initiative, status="passed", by=staff)
    assert not initiative_set_status(initiative=initiative, status="passed", by=staff)
    change = InitiativeStatusChange.objects.get(initiative=initiative)
    assert (change.from_status, change.to_status, change.changed_by) == (
        "introduced",
        "passed",
        staff,
    )


def test_merging_keeps_every_report_and_the_history(org_a, org_b, staff):
    keep = InitiativeFactory(review_state="reported", summary="")
    other = InitiativeFactory(review_state="reported", summary="Kept words", bill_number="")
    ReportFactory(initiative=keep, organization=org_a)
    moved = ReportFactory(initiative=other, organization=org_b)
    initiative_set_status(initiative=other, status="passed", by=staff)
    other.topics.add(TopicFactory())
    initiative_merge(keep=keep, other=other, by=staff)
    keep.refresh_from_db()
    assert set(keep.reports.values_list("organization", flat=True)) == {org_a.pk, org_b.pk}
    assert Report.objects.get(pk=moved.pk).initiative == keep
    assert keep.status_changes.count() == 1 and keep.topics.count() == 1
    assert keep.summary == "Kept words" and not Initiative.objects.filter(pk=other.pk).exists()


def test_merging_collapses_one_organizations_two_reports_into_the_earliest(org_a, staff):
    keep, other = InitiativeFactory(), InitiativeFactory(bill_number="")
    with time_machine.travel(datetime.datetime(2026, 1, 5, 12, tzinfo=datetime.UTC)):
        early = ReportFactory(initiative=other, organization=org_a, note="First words")
    ReportFactory(initiative=keep, organization=org_a, note="Later words")
    initiative_merge(keep=keep, other=other, by=staff)
    report = Report.objects.get()
    assert report.pk == early.pk and report.initiative == keep
    assert report.note == "First words\n\nLater words"


def test_merging_into_a_verified_initiative_credits_the_moved_reports_once(org_a, org_b, staff):
    keep = InitiativeFactory(review_state="reported")
    ReportFactory(initiative=keep, organization=org_a)
    initiative_verify(initiative=keep, by=staff)
    other = InitiativeFactory(review_state="reported", bill_number="")
    ReportFactory(initiative=other, organization=org_b)
    initiative_merge(keep=keep, other=other, by=staff)
    initiative_merge(keep=keep, other=InitiativeFactory(bill_number=""), by=staff)
    assert Activity.objects.count() == 2
    assert set(Activity.objects.values_list("organization", flat=True)) == {org_a.pk, org_b.pk}


def test_merging_a_credited_duplicate_keeps_one_credit(staff):
    org = OrganizationFactory()
    keep, other = InitiativeFactory(review_state="reported"), InitiativeFactory(bill_number="")
    ReportFactory(initiative=other, organization=org)
    initiative_verify(initiative=other, by=staff)
    ReportFactory(initiative=keep, organization=org)
    initiative_merge(keep=keep, other=other, by=staff)
    assert Activity.objects.get().source == Report.objects.get()
