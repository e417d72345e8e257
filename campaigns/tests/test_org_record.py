"""An organization's own record as CSV, for its admins and for staff."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from campaigns.models import CallAttendance
from pledges.tests.factories import ActivityFactory

from .factories import (
    CoalitionUpdateFactory,
    InitiativeFactory,
    PracticeFactory,
    ReportFactory,
    StrategyCallFactory,
    UpdateShareFactory,
)

URL = reverse("campaigns:org_record")


def rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.fixture
def record(org_a, org_b):
    ActivityFactory(
        organization=org_a,
        summary='=HYPERLINK("x") {{ y }}',
        occurred_on=datetime.date.today().replace(day=1),
    )
    ReportFactory(organization=org_a, initiative=InitiativeFactory(title="Crisis act", state="MA"))
    PracticeFactory(organization=org_a, title="Peer warmline", status="accepted")
    CallAttendance.objects.create(call=StrategyCallFactory(title="March call"), organization=org_a)
    UpdateShareFactory(
        organization=org_a, update=CoalitionUpdateFactory(title="988 news"), reach=40
    )
    ActivityFactory(organization=org_b, summary="Org B's own work")
    return org_a


def test_it_gives_an_admin_the_whole_record(client, admin_a, record):
    client.force_login(admin_a)
    found = rows(client.get(URL))
    sections = {row["section"] for row in found}
    assert sections == {
        "month",
        "activity",
        "legislative report",
        "practice",
        "call attendance",
        "update shared",
    }
    assert {"Crisis act", "Peer warmline", "March call", "988 news"} <= {
        row["title"] for row in found
    }
    assert '\'=HYPERLINK("x") {{ y }}' in {row["title"] for row in found}
    assert "Org B's own work" not in {row["title"] for row in found}


def test_it_lists_each_month_and_its_status(client, admin_a, org_a):
    client.force_login(admin_a)
    months = [row for row in rows(client.get(URL)) if row["section"] == "month"]
    assert months[0]["date"] == org_a.joined_on.replace(day=1).isoformat()
    assert {row["type or status"] for row in months} <= {"Met", "Missed", "Not yet", "Excused"}


def test_it_forbids_a_member_who_is_not_an_admin(client, member_a):
    client.force_login(member_a)
    assert client.get(URL).status_code == 403


def test_it_sends_anonymous_visitors_to_log_in(client, db):
    assert client.get(URL).status_code == 302


def test_staff_download_any_organizations_record(client, staff, record):
    client.force_login(staff)
    response = client.get(reverse("campaigns:org_record_staff", args=[record.pk]))
    assert "Crisis act" in {row["title"] for row in rows(response)}


def test_partners_cannot_use_the_staff_address(client, member_b, org_a):
    client.force_login(member_b)
    response = client.get(reverse("campaigns:org_record_staff", args=[org_a.pk]))
    assert response.status_code in (403, 404)


def test_the_organization_admin_page_links_to_the_record(client, staff, org_a):
    client.force_login(staff)
    page = client.get(reverse("admin:members_organization_change", args=[org_a.pk]))
    assert reverse("campaigns:org_record_staff", args=[org_a.pk]) in page.content.decode()
