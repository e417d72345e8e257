import datetime
import threading

import pytest
import time_machine
from django.core.mail import get_connection
from django.db import connection, transaction
from django.utils import timezone
from post_office import mail
from post_office.models import STATUS, Email, RecipientDeliveryStatus

from outbox.delivery import mail_attempt, mail_claim, mail_deliver, mail_deliver_queued
from outbox.models import MailHandoff

pytestmark = pytest.mark.django_db


def queue(*addresses: str) -> list[Email]:
    """Queued rows, without the task that would deliver them on commit."""
    emails = [
        mail.send(recipients=[a], subject="Hello", message="Hi", commit=False) for a in addresses
    ]
    Email.objects.bulk_create(emails)
    return emails


def later(minutes: float):
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes), tick=True)


def after_the_cutoff(settings):
    return later(settings.MAIL_UNKNOWN_AFTER_SECONDS / 60 + 1)


def test_it_delivers_each_email_once_however_often_it_is_swept(moody_sink):
    queue("a@example.org", "b@example.org")
    mail_deliver_queued()
    mail_deliver_queued()
    assert sorted(m["to"][0] for m in moody_sink.messages) == ["a@example.org", "b@example.org"]
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}
    assert not MailHandoff.objects.exists()


def test_it_sends_a_whole_batch_over_one_connection(moody_sink):
    queue("a@example.org", "b@example.org", "c@example.org")
    mail_deliver_queued()
    assert len(moody_sink.messages) == 3
    assert moody_sink.connections == 1


def test_it_runs_a_fixed_number_of_queries_per_email(moody_sink, django_assert_num_queries):
    queue("a@example.org", "b@example.org", "c@example.org")
    # the stuck-handoff check; the claim (savepoint pair, select, update, handoffs,
    # attachments, calendars); per email its attempt mark and the sent record (update,
    # delete), the record committed with the next mark: one savepoint pair per email, and one
    # for the last record.
    with django_assert_num_queries(1 + 7 + 3 * (1 + 2) + (3 + 1) * 2):
        assert mail_deliver_queued()["sent"] == 3


def test_it_claims_a_batch_in_one_go(db):
    a, b, c = queue("a@example.org", "b@example.org", "c@example.org")
    Email.objects.filter(pk=c.pk).update(scheduled_time=timezone.now() + later_delta())
    assert {email.pk for email in mail_claim(size=10)} == {a.pk, b.pk}
    assert list(Email.objects.filter(status=None).values_list("pk", flat=True)) == [a.pk, b.pk]
    handoffs = MailHandoff.objects.all()
    assert {h.state for h in handoffs} == {MailHandoff.State.SENDING}
    assert [h.attempted_at for h in handoffs] == [None, None]


def later_delta():
    return datetime.timedelta(minutes=5)


def test_it_lets_only_one_worker_claim_an_email(db):
    [email] = queue("a@example.org")
    assert mail_claim(size=10)
    assert mail_claim(size=10) == []
    assert Email.objects.get().status is None


@pytest.mark.django_db(transaction=True)
def test_workers_claiming_at_once_take_distinct_emails():
    queue(*(f"{n}@example.org" for n in range(6)))
    claimed, first_holds, second_done = {}, threading.Event(), threading.Event()

    def first_worker():
        try:
            with transaction.atomic():  # holds its claim open while the other one claims
                claimed["first"] = mail_claim(size=3)
                first_holds.set()
                second_done.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=first_worker)
    thread.start()
    first_holds.wait(10)
    claimed["second"] = mail_claim(size=10)  # skips the locked rows instead of waiting
    second_done.set()
    thread.join()
    first, second = ({e.pk for e in claimed[k]} for k in ("first", "second"))
    assert len(first) == len(second) == 3 and not first & second


@pytest.mark.django_db(transaction=True)
def test_two_workers_delivering_at_once_send_each_email_once(moody_sink, settings):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "BATCH_SIZE": 3}  # many claims each
    queue(*(f"{n}@example.org" for n in range(20)))
    start = threading.Barrier(2)

    def worker():
        try:
            start.wait()
            mail_deliver_queued()
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    received = sorted(m["to"][0] for m in moody_sink.messages)
    assert received == sorted(f"{n}@example.org" for n in range(20))
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}


def test_it_retries_a_421_with_a_doubling_backoff_and_delivers_once(moody_sink, settings):
    moody_sink.temporary["busy@example.org"] = 3
    [email] = queue("busy@example.org")
    waits = []
    for minutes in (0, 6, 17, 38):
        with later(minutes):
            mail_deliver_queued()
        email.refresh_from_db()
        waits.append(
            email.scheduled_time
            and round((email.scheduled_time - email.last_updated).total_seconds() / 60)
        )
    assert waits[:3] == [5, 10, 20]
    assert email.status == STATUS.sent and len(moody_sink.messages) == 1


def test_it_marks_a_550_address_and_never_retries_it(moody_sink):
    moody_sink.permanent.add("gone@example.org")
    [email] = queue("gone@example.org")
    assert mail_deliver_queued()["refused"] == 1
    with later(60):
        assert mail_deliver_queued()["refused"] == 0
    email.refresh_from_db()
    assert email.status == STATUS.failed
    assert email.recipient_delivery_status == RecipientDeliveryStatus.HARD_BOUNCED
    assert email.handoff.state == MailHandoff.State.REFUSED and not moody_sink.messages


def test_it_gives_up_on_a_silent_server_after_the_timeout_and_sends_the_rest(moody_sink):
    moody_sink.silent.add("void@example.org")
    silent, other = queue("void@example.org", "fine@example.org")
    outcomes = mail_deliver_queued()
    assert outcomes["requeued"] == 1 and outcomes["sent"] == 1
    assert [m["to"] for m in moody_sink.messages] == [["fine@example.org"]]
    silent.refresh_from_db()
    assert silent.status == STATUS.requeued and "timed out" in silent.logs.get().message


def test_it_queues_again_an_email_a_worker_claimed_but_never_handed_over(moody_sink, settings):
    [email] = queue("later@example.org")
    assert mail_claim(size=10)  # a worker took it, then died before sending it
    assert mail_deliver_queued()["released"] == 0  # still within the send time
    with after_the_cutoff(settings):
        outcomes = mail_deliver_queued()
        assert outcomes["released"] == 1 and outcomes["sent"] == 1
        assert not mail_deliver_queued()
    email.refresh_from_db()
    assert email.status == STATUS.sent and not MailHandoff.objects.exists()
    assert [m["to"] for m in moody_sink.messages] == [["later@example.org"]]


def test_it_flags_an_email_stuck_mid_send_for_staff_instead_of_resending(moody_sink, settings):
    [email] = queue("maybe@example.org")
    [claimed] = mail_claim(size=10)
    assert mail_attempt(email=claimed)  # handed to the server, then the worker died
    assert mail_deliver_queued()["unknown"] == 0  # still within the send time
    with after_the_cutoff(settings):
        assert mail_deliver_queued()["unknown"] == 1
        assert mail_deliver_queued()["unknown"] == 0
    email.refresh_from_db()
    assert email.status == STATUS.failed and email.handoff.state == MailHandoff.State.UNKNOWN
    assert not moody_sink.messages


def test_it_times_an_email_from_its_attempt_once_attempted(moody_sink, settings):
    """The last emails of a long batch are handed over well after the batch was claimed."""
    queue("last@example.org")
    [claimed] = mail_claim(size=10)
    claimed.claimed_at -= datetime.timedelta(seconds=settings.MAIL_UNKNOWN_AFTER_SECONDS + 60)
    MailHandoff.objects.update(started_at=claimed.claimed_at)
    assert mail_attempt(email=claimed)  # handed over just now: still in flight
    assert not mail_deliver_queued()
    with after_the_cutoff(settings):
        assert mail_deliver_queued()["unknown"] == 1


def test_a_worker_too_slow_to_reach_a_released_email_skips_it(moody_sink, settings):
    [email] = queue("once@example.org")
    claimed = mail_claim(size=10)
    with after_the_cutoff(settings):
        assert mail_deliver_queued()["sent"] == 1  # released, then sent by another worker
        smtp = get_connection("outbox.backends.EmailBackend")
        assert mail_deliver(emails=claimed, smtp=smtp) == {"skipped": 1}
    assert len(moody_sink.messages) == 1


def test_it_flags_a_message_taken_but_never_answered_instead_of_resending(moody_sink):
    moody_sink.slow.add("slow@example.org")
    [email] = queue("slow@example.org")
    assert mail_deliver_queued()["unknown"] == 1
    with later(60):
        mail_deliver_queued()
    email.refresh_from_db()
    assert email.status == STATUS.failed and email.handoff.state == MailHandoff.State.UNKNOWN
    assert len(moody_sink.messages) == 1


def test_it_does_not_take_an_email_another_worker_just_put_off(db):
    queue("a@example.org")
    Email.objects.update(status=STATUS.requeued, scheduled_time=timezone.now() + later_delta())
    assert mail_claim(size=10) == []
