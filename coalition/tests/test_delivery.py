import datetime

import pytest
import time_machine
from django.utils import timezone
from post_office import mail
from post_office.models import STATUS, Email, RecipientDeliveryStatus

from coalition.delivery import mail_claim, mail_deliver_queued
from coalition.models import MailHandoff

pytestmark = pytest.mark.django_db


def queue(*addresses: str) -> list[Email]:
    return [mail.send(recipients=[a], subject="Hello", message="Hi") for a in addresses]


def later(minutes: float):
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes), tick=True)


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


def test_it_flags_an_email_stuck_mid_send_for_staff_instead_of_resending(moody_sink, settings):
    [email] = queue("maybe@example.org")
    assert mail_claim(email_id=email.pk)  # a worker took it, then died before settling
    assert mail_deliver_queued()["unknown"] == 0  # still within the send time
    with later(settings.MAIL_UNKNOWN_AFTER_SECONDS / 60 + 1):
        assert mail_deliver_queued()["unknown"] == 1
        assert mail_deliver_queued()["unknown"] == 0
    email.refresh_from_db()
    assert email.status == STATUS.failed and email.handoff.state == MailHandoff.State.UNKNOWN
    assert not moody_sink.messages


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
    [email] = queue("a@example.org")
    Email.objects.update(status=STATUS.requeued, scheduled_time=timezone.now() + later_delta())
    assert not mail_claim(email_id=email.pk)


def later_delta():
    return datetime.timedelta(minutes=5)


def test_it_lets_only_one_worker_claim_an_email(db):
    [email] = queue("a@example.org")
    assert mail_claim(email_id=email.pk)
    assert not mail_claim(email_id=email.pk)
    assert Email.objects.get().status is None
