"""Issue 8, item 11: a person downloads their data and deletes their account."""

import json

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from campaigns.models import Report
from members.models import PartnershipApplication, User
from members.tests.factories import ApplicationFactory, MembershipFactory
from outbox.emails import queue_email
from pledges.models import Activity, Reminder

from .conftest import MARKER
from .figures import record

PASSWORD = "a-long-demo-password"  # the factories' password


def rows_holding(text: str) -> dict[str, int]:
    """Every table of the database, each row cast to text: where does `text` appear?"""
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
        for (table,) in cursor.fetchall():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT count(*) FROM {quoted} t WHERE t::text ILIKE %s", [f"%{text}%"])  # noqa: S608
            if count := cursor.fetchone()[0]:
                found[table] = count
    return found


@pytest.fixture
def leaver(world, client):
    """Org B's plain member, with a trail in every corner of the database."""
    user = world.b.member
    ApplicationFactory(applicant=user, name="An earlier try", status="declined")
    queue_email(
        name="invitation",
        to=user.email,
        context={"invitation": world.b.rows["invitation"], "link": "x"},
    )
    reminder = world.b.rows["reminder"]
    reminder.recipients = f"{world.b.admin.email}\n{user.email}"
    reminder.save()
    LogEntry.objects.log_actions(
        world.staff.pk, [user], CHANGE, change_message="Changed name.", single_object=True
    )
    client.force_login(user)
    return user


def test_it_downloads_everything_kept_about_the_person(world, client):
    client.force_login(world.b.member)
    response = client.get(reverse("members:account_data"), {"download": "json"})
    data = json.loads(response.content)
    assert "attachment" in response["Content-Disposition"]
    assert data["account"]["email"] == world.b.member.email
    assert data["memberships"][0]["organization"] == world.b.org.name
    assert data["activities_logged"][0]["summary"] == world.b.rows["activity"].summary
    assert data["rsvps"][0]["going"] is True
    assert data["reports_filed"][0]["note"] == world.b.rows["report"].note
    assert data["email_preferences"]["strategy_call_emails"] is False
    assert data["practices_shared"][0]["title"] == world.b.rows["practice"].title
    assert data["updates_shared"][0]["reach"] == 40


def test_it_shows_a_page_before_the_download(client, world):
    client.force_login(world.a.member)
    response = client.get(reverse("members:account_data"))
    assert response.status_code == 200
    assert b"Download my data" in response.content


def test_it_asks_for_the_right_password(client, leaver):
    response = client.post(reverse("members:account_delete"), {"password": "wrong"})
    assert response.status_code == 400
    assert "That password is not right" in response.content.decode()
    assert User.objects.filter(pk=leaver.pk).exists()


def test_it_kindly_refuses_the_last_admin(client, world):
    client.force_login(world.b.admin)
    response = client.post(reverse("members:account_delete"), {"password": PASSWORD})
    assert response.status_code == 409
    assert "only admin of" in response.content.decode()
    assert User.objects.filter(pk=world.b.admin.pk).exists()


def test_it_lets_an_admin_leave_once_someone_else_is_admin(client, world):
    MembershipFactory(organization=world.b.org, role="admin")
    client.force_login(world.b.admin)
    response = client.post(reverse("members:account_delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=world.b.admin.pk).exists()
    # Org B's founding application stays, without its applicant, history included.
    application = PartnershipApplication.objects.get(organization=world.b.org)
    assert application.applicant is None
    assert not application.history.filter(applicant__isnull=False).exists()


def test_it_erases_the_email_everywhere_and_keeps_the_organizations_records(client, leaver):
    email = leaver.email
    before = rows_holding(email)
    assert len(before) >= 4, before  # the check can find it: account, address, mail, reminder
    response = client.post(reverse("members:account_delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert rows_holding(email) == {}
    assert rows_holding(MARKER + ".person") == {}
    record(
        "account deletion",
        f"email in {sum(before.values())} rows of {len(before)} tables before, 0 after",
    )
    assert Activity.objects.get(summary__contains=MARKER).logged_by is None
    assert Report.objects.get(note__contains=MARKER).reported_by is None
    assert Reminder.objects.get(organization__name__contains="Desert").recipients


def test_it_ends_every_session_of_the_deleted_person(client, leaver):
    other_device = Client()
    other_device.force_login(leaver)
    client.post(reverse("members:account_delete"), {"password": PASSWORD})
    response = other_device.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(leaver.pk)
    ).exists()


@pytest.mark.django_db(transaction=True)
def test_account_pages_in_a_browser(page, check_page, sign_in):
    user = MembershipFactory(user__email="leaving@example.org").user
    sign_in(page, user)
    page.goto(reverse("dashboard"))
    page.locator(".person-toggle").click()
    page.get_by_role("link", name="Account").click()
    check_page(page, "account")
    page.get_by_role("link", name="Download your data").click()
    check_page(page, "account-data")
    page.goto(reverse("members:account_delete"))
    check_page(page, "account-delete")
    page.get_by_label("Your password").fill("wrong")
    page.get_by_role("button", name="Delete my account").click()
    check_page(page, "account-delete-error")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("Your account and your personal details are deleted.")).to_be_visible()
    assert not User.objects.filter(email="leaving@example.org").exists()
