"""News for staff of what partners send: each item as it comes, or one daily digest."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from post_office.models import Email

from campaigns.services import practice_save, report_file
from campaigns.staff_news import staff_digests_send
from campaigns.tasks import send_staff_digests
from members.models import StaffDigest, StaffNewsPreference
from members.services import application_submit
from members.tests.factories import ApplicationFactory, UserFactory

from .factories import PracticeFactory, ReportFactory
from .test_legislation_services import data

TODAY = datetime.date(2026, 12, 3)
YESTERDAY_NOON = datetime.datetime(2026, 12, 2, 12, tzinfo=datetime.UTC)


@pytest.fixture
def reader(db):
    user = UserFactory(email="digest.reader@example.org", is_staff=True)
    StaffNewsPreference.objects.create(user=user, frequency="daily")
    return user


def three_items_yesterday() -> None:
    with time_machine.travel(YESTERDAY_NOON, tick=False):
        ApplicationFactory(name="Riverside Peer Center")
        ReportFactory(initiative__title="Crisis stabilization act")
        PracticeFactory(title="Evening warmline", status="submitted")


def test_it_sends_no_digest_when_nothing_is_new(reader):
    assert staff_digests_send(day=TODAY) == 0
    assert not Email.objects.exists() and not StaffDigest.objects.exists()


def test_it_sends_one_digest_listing_three_new_items(reader):
    three_items_yesterday()
    assert staff_digests_send(day=TODAY) == 1
    [email] = Email.objects.all()
    assert email.to == [reader.email] and "3 new items" in email.subject
    for title in ["Riverside Peer Center", "Crisis stabilization act", "Evening warmline"]:
        assert title in email.message
    assert "/admin/campaigns/practice/" in email.message


def test_it_sends_the_digest_once_when_run_twice(reader):
    three_items_yesterday()
    staff_digests_send(day=TODAY)
    assert staff_digests_send(day=TODAY) == 0
    assert Email.objects.count() == 1


def test_it_leaves_out_items_older_than_the_day_before(reader):
    with time_machine.travel(YESTERDAY_NOON - datetime.timedelta(days=2), tick=False):
        ApplicationFactory(name="Old news")
    assert staff_digests_send(day=TODAY) == 0


def test_it_sends_no_digest_to_staff_who_want_each_item_or_none(db):
    UserFactory(is_staff=True)
    StaffNewsPreference.objects.create(user=UserFactory(is_staff=True), frequency="none")
    three_items_yesterday()
    assert staff_digests_send(day=TODAY) == 0


def test_the_daily_task_sends_today_s_digest(reader):
    three_items_yesterday()
    with time_machine.travel(datetime.datetime(2026, 12, 3, 13, tzinfo=datetime.UTC)):
        send_staff_digests()
    assert StaffDigest.objects.get().day == TODAY


def test_it_emails_a_new_report_to_staff_who_want_each_item(org_a, member_a, staff):
    report_file(organization=org_a, user=member_a, data=data(title="Peer respite act"))
    [email] = Email.objects.filter(subject__startswith="Legislative report")
    assert email.to == [staff.email] and "Peer respite act" in email.subject


def test_it_emails_a_submitted_practice_but_not_to_digest_readers(admin_a, reader, staff):
    practice_save(membership=admin_a.membership, data={"title": "Warmline"}, submit=True)
    [email] = Email.objects.filter(subject__startswith="Practice for review")
    assert email.to == [staff.email]


def test_it_tells_only_staff_who_want_each_item_of_a_new_application(reader, staff):
    StaffNewsPreference.objects.create(user=UserFactory(is_staff=True), frequency="none")
    application = ApplicationFactory.build(name="Hilltop Clinic")
    application_submit(application=application, applicant=UserFactory(), focus_areas=[])
    [email] = Email.objects.filter(subject__startswith="New application")
    assert email.to == [staff.email]


def test_it_uses_the_coalition_day_for_the_window(reader):
    with time_machine.travel(timezone.make_aware(datetime.datetime(2026, 12, 2, 23, 30))):
        ApplicationFactory(name="Late evening applicant")
    assert staff_digests_send(day=TODAY) == 1
