import threading

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from post_office.mail import send_queued
from post_office.models import STATUS, Email

from members.tests.factories import MembershipFactory, OrganizationFactory
from pledges import hooks
from pledges.models import EmailPreference, Reminder
from pledges.services import reminder_stage_due, reminder_sweep
from pledges.tasks import send_pledge_reminders
from pledges.tests.factories import ActivityFactory, PledgePauseFactory, day

MAY = day("2026-05-01")


def sweep(today, stage="first"):
    return reminder_sweep(first=MAY, stage=stage, today=today)


def recipients(outbox) -> list[str]:
    return sorted(address for message in outbox for address in message.to)


@pytest.mark.parametrize(
    ("date", "stage"),
    [
        ("2026-05-14", None),
        ("2026-05-15", "first"),
        ("2026-05-27", "first"),
        ("2026-05-28", "last"),
        ("2026-05-31", "last"),
        ("2026-02-25", "last"),
    ],
)
def test_it_knows_which_stage_is_due(date, stage):
    assert reminder_stage_due(day(date)) == stage


def test_it_follows_the_configured_days(settings):
    settings.PLEDGE_REMINDER_DAYS = {"first": 10, "last": -1}
    assert reminder_stage_due(day("2026-05-10")) == "first"
    assert reminder_stage_due(day("2026-05-30")) == "last"


def test_it_reminds_everyone_chosen_for_reminders(reminder_day, admin_a, member_a, deliver_mail):
    sweep(reminder_day)
    assert recipients(deliver_mail()) == ["admin.a@example.org", "member.a@example.org"]
    assert Reminder.objects.get().recipients.split() == sorted([admin_a.email, member_a.email])


def test_it_never_writes_to_someone_who_opted_out(reminder_day, admin_a, member_a, deliver_mail):
    EmailPreference.objects.create(user=member_a, reminders=False)
    sweep(reminder_day)
    assert recipients(deliver_mail()) == ["admin.a@example.org"]


def test_it_falls_back_to_the_admins(reminder_day, admin_a, member_a, deliver_mail):
    admin_a.membership.receives_reminders = False
    admin_a.membership.save()
    EmailPreference.objects.create(user=member_a, reminders=False)
    sweep(reminder_day)
    assert recipients(deliver_mail()) == ["admin.a@example.org"]


def test_it_does_not_remind_a_met_or_excused_organization(
    reminder_day, admin_a, member_b, org_a, org_b, deliver_mail
):
    ActivityFactory(organization=org_a, occurred_on=day("2026-05-01"))
    PledgePauseFactory(organization=org_b, month=MAY)
    assert sweep(reminder_day) == []
    assert deliver_mail() == []


def test_running_twice_sends_nothing_twice(reminder_day, admin_a, member_b, deliver_mail):
    assert len(sweep(reminder_day)) == 2
    assert sweep(reminder_day) == []
    assert len(deliver_mail()) == 2
    assert Reminder.objects.count() == 2


def test_the_last_stage_is_sent_once_more(reminder_day, admin_a, deliver_mail):
    sweep(reminder_day)
    sweep(reminder_day, stage="last")
    assert len(deliver_mail()) == 2
    assert set(Reminder.objects.values_list("stage", flat=True)) == {"first", "last"}


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_each_stage_once(reminder_day):
    for _ in range(6):
        MembershipFactory(role="admin")
    start = threading.Barrier(2)

    def run():
        try:
            start.wait()
            sweep(reminder_day)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Reminder.objects.count() == 6
    assert Email.objects.count() == 6


def test_the_email_says_what_counts_and_how_to_stop(reminder_day, admin_a, deliver_mail):
    def call(first):
        return [{"title": "May strategy call", "when": day("2026-05-21"), "url": "/calls/7/"}]

    hooks.register_upcoming(call)
    try:
        sweep(reminder_day)
    finally:
        hooks.unregister_upcoming(call)
    message = deliver_mail()[0]
    html = message.alternatives[0][0]
    assert "May strategy call" in message.body and "http://127.0.0.1:8000/calls/7/" in html
    assert "/activities/new/" in message.body and "/activities/new/" in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/settings/email/unsubscribe/" in message.extra_headers["List-Unsubscribe"]


def test_the_beat_task_sends_the_stage_due_today(reminder_day, admin_a, deliver_mail):
    assert send_pledge_reminders() == 1
    assert send_pledge_reminders() == 0
    assert len(deliver_mail()) == 1


def test_the_beat_schedule_runs_the_sweep_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-pledge-reminders"]
    assert entry["task"] == "pledges.tasks.send_pledge_reminders"


def test_the_command_dry_run_prints_and_sends_nothing(reminder_day, admin_a, capsys):
    call_command("send_pledge_reminders", "--dry-run")
    out = capsys.readouterr().out
    assert "Would send the first reminder for May 2026 to Harbor Peer Network" in out
    assert not Reminder.objects.exists() and not Email.objects.exists()


def test_the_command_sends_a_chosen_month_and_stage(reminder_day, admin_a, capsys):
    call_command("send_pledge_reminders", "--month", "2026-05", "--stage", "last")
    assert "Sent 1 last reminder for May 2026." in capsys.readouterr().out
    assert Reminder.objects.get().stage == "last"


def test_the_command_says_when_nothing_is_due(capsys, db):
    with time_machine.travel("2026-05-02 12:00 -0400", tick=False):
        call_command("send_pledge_reminders")
    assert "No reminder is due today" in capsys.readouterr().out


def test_an_organization_that_joined_after_the_month_is_not_reminded(reminder_day, db):
    MembershipFactory(role="admin", organization=OrganizationFactory(joined_on=day("2026-06-01")))
    assert sweep(reminder_day) == []


def test_a_reminder_that_could_not_be_delivered_is_kept_for_a_retry(
    reminder_day, admin_a, settings
):
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"},
    }
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    sweep(reminder_day)
    send_queued()
    email = Reminder.objects.get().emails.get()
    assert email.status == STATUS.requeued
    assert email.logs.filter(status=STATUS.failed).exists()


@pytest.mark.parametrize("count", [3, 30])
def test_the_sweep_runs_the_same_queries_for_any_number_of_organizations(
    db, reminder_day, count, django_assert_num_queries
):
    for _ in range(count):
        MembershipFactory(role="admin")
    # due, 2 for the upcoming calls and days of action, then per batch of 200: still owed,
    # recipients, claim, suppressed addresses, emails, links, and the savepoint pair
    with django_assert_num_queries(11):
        assert len(sweep(reminder_day)) == count
    assert Email.objects.count() == count == Reminder.objects.filter(emails__isnull=False).count()
