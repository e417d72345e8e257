from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from campaigns.models import Initiative, InitiativeStatusChange, Report
from pledges.models import Activity

from .factories import InitiativeFactory, ReportFactory

CHANGELIST = reverse("admin:campaigns_initiative_changelist")


def act(client, action: str, *initiatives, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [i.pk for i in initiatives], **extra}
    return client.post(CHANGELIST, data, follow=True)


def test_staff_see_new_reports_filtered_by_review_state(client, staff):
    ReportFactory(initiative__review_state="reported", initiative__title="New one")
    InitiativeFactory(title="Old one")
    client.force_login(staff)
    page = client.get(CHANGELIST, {"review_state__exact": "reported"}).content.decode()
    assert "New one" in page and "Old one" not in page


def test_the_verify_action_credits_once_even_when_clicked_twice(client, staff, org_a):
    report = ReportFactory(organization=org_a, initiative__review_state="reported")
    client.force_login(staff)
    act(client, "verify", report.initiative)
    act(client, "verify", report.initiative)
    assert Initiative.objects.get().review_state == "verified"
    assert Activity.objects.get().organization == org_a


def test_merging_asks_which_one_to_keep(client, staff):
    first, second = InitiativeFactory(), InitiativeFactory()
    client.force_login(staff)
    response = act(client, "merge", first, second)
    assert "Keep which one?" in response.content.decode()
    assert Initiative.objects.count() == 2


def test_merging_moves_every_report_to_the_one_kept(client, staff, org_a, org_b):
    keep, other = ReportFactory(organization=org_a).initiative, InitiativeFactory()
    ReportFactory(initiative=other, organization=org_b)
    client.force_login(staff)
    act(client, "merge", keep, other, keep=keep.pk, apply="1")
    assert Initiative.objects.get() == keep
    assert set(Report.objects.values_list("initiative", flat=True)) == {keep.pk}


def test_merging_needs_exactly_two(client, staff):
    client.force_login(staff)
    response = act(client, "merge", InitiativeFactory())
    assert "Select exactly two" in response.content.decode()


def test_a_status_change_in_the_admin_is_recorded_with_who(client, staff):
    initiative = InitiativeFactory(status="introduced")
    client.force_login(staff)
    data = {
        "form-TOTAL_FORMS": 1,
        "form-INITIAL_FORMS": 1,
        "form-0-id": initiative.pk,
        "form-0-status": "in_committee",
        "form-0-position": "support",
        "form-0-priority": "high",
        "_save": "Save",
    }
    client.post(CHANGELIST, data)
    initiative.refresh_from_db()
    assert (initiative.status, initiative.position, initiative.priority) == (
        "in_committee",
        "support",
        "high",
    )
    change = InitiativeStatusChange.objects.get()
    assert (change.from_status, change.to_status, change.changed_by) == (
        "introduced",
        "in_committee",
        staff,
    )


def test_the_change_page_shows_reports_read_only(client, staff, org_a):
    report = ReportFactory(organization=org_a, note="Heard at the hearing")
    client.force_login(staff)
    url = reverse("admin:campaigns_initiative_change", args=[report.initiative.pk])
    page = client.get(url).content.decode()
    assert org_a.name in page and "Heard at the hearing" in page


def test_deleting_an_initiative_takes_back_its_credits(client, staff, org_a):
    report = ReportFactory(organization=org_a, initiative__review_state="reported")
    client.force_login(staff)
    act(client, "verify", report.initiative)
    act(client, "delete_selected", report.initiative, post="yes")
    assert not Initiative.objects.exists() and not Activity.objects.exists()


def test_closing_hides_it_from_the_tracker(client, staff, member_a):
    initiative = InitiativeFactory()
    client.force_login(staff)
    act(client, "close", initiative)
    client.force_login(member_a)
    assert client.get(initiative.get_absolute_url()).status_code == 404
