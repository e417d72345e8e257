"""Issue 8, item 12: every staff decision and export keeps who, when and what."""

from django.contrib.admin import helpers
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse

from campaigns.models import Initiative, InitiativeExport
from campaigns.tests.factories import StrategyCallFactory
from members.models import OrganizationExport, PartnershipApplication
from members.tests.factories import ApplicationFactory
from pledges.models import PledgeExport

from .figures import record


def staff_client(world) -> Client:
    client = Client()
    client.force_login(world.staff)
    return client


def test_bulk_decisions_write_history_for_each_application(world):
    apps = [ApplicationFactory(), ApplicationFactory()]
    staff_client(world).post(
        reverse("admin:members_partnershipapplication_changelist"),
        {
            "action": "decline_selected",
            helpers.ACTION_CHECKBOX_NAME: [a.pk for a in apps],
            "confirm": "yes",
            "reason": "We only partner with organizations in the United States.",
        },
    )
    for app in apps:
        last = app.history.latest("history_date")
        assert last.status == PartnershipApplication.Status.DECLINED
        assert last.history_user == world.staff
        assert last.decision_reason.startswith("We only partner")
        assert last.history_date is not None


def test_the_pledge_grid_export_is_recorded(world):
    staff_client(world).get(reverse("pledges:staff_export"), {"state": "MA"})
    export = PledgeExport.objects.get()
    assert export.exported_by == world.staff
    assert export.query == "state=MA"
    assert export.row_count == 1


def test_the_tracker_export_is_recorded(world):
    staff_client(world).get(reverse("campaigns:initiative_export"))
    assert InitiativeExport.objects.get().exported_by == world.staff


def test_the_organization_export_is_recorded(world):
    staff_client(world).post(
        reverse("admin:members_organization_changelist"),
        {"action": "export_csv", helpers.ACTION_CHECKBOX_NAME: [world.a.org.pk, world.b.org.pk]},
    )
    export = OrganizationExport.objects.get()
    assert (export.exported_by, export.row_count) == (world.staff, 2)


def test_closing_initiatives_and_cancelling_calls_in_bulk_is_recorded(world):
    client = staff_client(world)
    client.post(
        reverse("admin:campaigns_initiative_changelist"),
        {"action": "close", helpers.ACTION_CHECKBOX_NAME: [world.verified.pk]},
    )
    call = StrategyCallFactory()
    client.post(
        reverse("admin:campaigns_strategycall_changelist"),
        {"action": "cancel", helpers.ACTION_CHECKBOX_NAME: [call.pk]},
    )
    world.verified.refresh_from_db()
    assert world.verified.review_state == Initiative.ReviewState.CLOSED
    logged = set(LogEntry.objects.filter(user=world.staff).values_list("change_message", flat=True))
    assert {"Closed", "Cancelled the call"} <= logged


def test_members_cannot_export_or_decide(world):
    client = Client()
    client.force_login(world.a.admin)
    assert client.get(reverse("pledges:staff_export")).status_code == 403
    assert client.get(reverse("campaigns:initiative_export")).status_code == 403
    assert not PledgeExport.objects.exists() and not InitiativeExport.objects.exists()
    record("audit", "decisions: history per application; exports: 3 kinds recorded")
