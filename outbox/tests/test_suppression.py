"""A hard-bounced address gets no bulk mail until the person vouches for it again."""

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.signals import email_changed
from django.contrib.admin.models import DELETION, LogEntry
from django.urls import reverse
from post_office import mail
from post_office.models import Email

from outbox.delivery import mail_deliver_queued
from outbox.emails import queue_email, queue_emails
from outbox.models import Suppression
from outbox.suppression import suppress

pytestmark = pytest.mark.django_db

BULK_HEADERS = {"List-Unsubscribe": "<https://example.org/u/1/>"}


def message(to: str, headers: dict | None = None) -> dict:
    return {"name": "invitation", "to": to, "context": {}, "headers": headers}


def test_a_550_refusal_suppresses_the_address(moody_sink):
    moody_sink.permanent.add("gone@example.org")
    Email.objects.bulk_create([mail.send(recipients=["gone@example.org"], commit=False)])
    mail_deliver_queued()
    suppression = Suppression.objects.get()
    assert (suppression.address, suppression.reason) == ("gone@example.org", "hard_bounce")
    assert "550" in suppression.detail


def test_a_temporary_refusal_suppresses_nothing(moody_sink):
    moody_sink.temporary["busy@example.org"] = 1
    Email.objects.bulk_create([mail.send(recipients=["busy@example.org"], commit=False)])
    mail_deliver_queued()
    assert not Suppression.objects.exists()


def test_bulk_mail_to_a_suppressed_address_is_never_queued(db):
    suppress(addresses=["Gone@Example.org"])
    queued = queue_emails(
        [message("gone@example.org", BULK_HEADERS), message("here@example.org", BULK_HEADERS)]
    )
    assert [email.to for email in queued] == [["here@example.org"]]


def test_mail_answering_the_persons_own_action_still_goes(db):
    suppress(addresses=["gone@example.org"])
    [email] = queue_emails([message("gone@example.org")])
    assert email.to == ["gone@example.org"]


def test_confirming_the_address_lifts_it(client, member_a):
    suppress(addresses=["added@example.org"])
    address = EmailAddress.objects.create(user=member_a, email="added@example.org")
    key = EmailConfirmationHMAC(address).key
    client.post(reverse("account_confirm_email", args=[key]))
    address.refresh_from_db()
    assert address.verified
    assert not Suppression.objects.exists()


def test_changing_to_the_address_lifts_it(member_a):
    suppress(addresses=["new@example.org", "other@example.org"])
    new = EmailAddress.objects.create(user=member_a, email="new@example.org", verified=True)
    email_changed.send(
        sender=EmailAddress,
        request=None,
        user=member_a,
        from_email_address=None,
        to_email_address=new,
    )
    assert list(Suppression.objects.values_list("address", flat=True)) == ["other@example.org"]


def test_staff_see_the_list_and_lift_an_entry(client, staff):
    suppress(addresses=["gone@example.org"])
    client.force_login(staff)
    url = reverse("admin:outbox_suppression_changelist")
    assert "gone@example.org" in client.get(url).text
    entry = Suppression.objects.get()
    client.post(url, {"action": "lift", "_selected_action": [entry.pk], "index": 0})
    assert not Suppression.objects.exists()
    assert LogEntry.objects.get().action_flag == DELETION


def test_members_cannot_open_the_list(client, admin_a):
    client.force_login(admin_a)
    response = client.get(reverse("admin:outbox_suppression_changelist"))
    assert response.status_code == 302


def test_one_bulk_email_to_a_suppressed_address_queues_nothing(db):
    suppress(addresses=["gone@example.org"])
    assert (
        queue_email(name="invitation", to="gone@example.org", context={}, headers=BULK_HEADERS)
        is None
    )
    assert not Email.objects.exists()
