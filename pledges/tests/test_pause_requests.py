"""A partner admin asks for excused months; staff approve or decline in the admin."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pledges.excused import PauseRequestError, pause_request_approve, pause_request_decline
from pledges.models import PauseRequest, PledgePause, month, next_month
from pledges.personal_data import export

URL = reverse("pledges:pause_request")


def this_month() -> datetime.date:
    return month(timezone.localdate())


def ask(client, user, **data):
    client.force_login(user)
    form = {"first_month": this_month().isoformat(), "month_count": "2", "reason": "crisis"}
    return client.post(URL, {**form, **data})


@pytest.fixture
def pending(org_a, admin_a):
    return PauseRequest.objects.create(
        organization=org_a,
        requested_by=admin_a,
        first_month=this_month(),
        month_count=2,
        reason=PauseRequest.Reason.STAFF_LEAVE,
    )


def test_it_records_an_admins_request_and_tells_the_staff(
    client, admin_a, staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, admin_a, details="Our director is on leave {{ x }} {% if %}")
    assert response.status_code == 302
    request = PauseRequest.objects.get()
    assert (request.status, request.month_count) == ("pending", 2)
    assert [m.to for m in mailoutbox] == [[staff.email]]


def test_it_keeps_one_request_waiting_at_a_time(client, admin_a, pending):
    response = ask(client, admin_a)
    assert response.status_code == 400
    assert "already has a request waiting" in response.content.decode()
    assert PauseRequest.objects.count() == 1


def test_it_refuses_a_month_outside_the_list(client, admin_a):
    response = ask(client, admin_a, first_month="2001-01-01")
    assert "choose one of the months" in response.content.decode()
    assert not PauseRequest.objects.exists()


def test_it_forbids_a_member_who_is_not_an_admin(client, member_a):
    client.force_login(member_a)
    assert client.get(URL).status_code == 403


def test_it_sends_anonymous_visitors_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response.url


def test_approval_excuses_every_month_asked_for(pending, staff):
    pause_request_approve(pause_request=pending, reviewer=staff)
    months = list(
        PledgePause.objects.filter(organization=pending.organization).values_list(
            "month", flat=True
        )
    )
    assert sorted(months) == [this_month(), next_month(this_month())]
    pending.refresh_from_db()
    assert pending.status == "approved"


def test_approval_keeps_a_month_staff_already_excused(pending, staff):
    PledgePause.objects.create(
        organization=pending.organization, month=this_month(), reason="Flood"
    )
    pause_request_approve(pause_request=pending, reviewer=staff)
    assert PledgePause.objects.get(month=this_month()).reason == "Flood"


def test_it_decides_a_request_once(pending, staff):
    pause_request_approve(pause_request=pending, reviewer=staff)
    with pytest.raises(PauseRequestError):
        pause_request_decline(pause_request=pending, reviewer=staff, note="No")
    assert PledgePause.objects.count() == 2


def test_declining_needs_a_note(pending, staff):
    with pytest.raises(PauseRequestError):
        pause_request_decline(pause_request=pending, reviewer=staff, note="  ")
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_staff_approve_on_the_admin_page_and_the_partner_is_told(
    client, pending, staff, admin_a, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    url = reverse("admin:pledges_pauserequest_change", args=[pending.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "approve", "decision_note": "Take care."})
    assert PledgePause.objects.filter(organization=pending.organization).count() == 2
    assert [m.to for m in mailoutbox] == [[admin_a.email]]
    assert "Take care." in mailoutbox[0].body


def test_the_admin_page_asks_for_a_reason_to_decline(client, pending, staff):
    client.force_login(staff)
    url = reverse("admin:pledges_pauserequest_change", args=[pending.pk])
    response = client.post(url, {"decision": "decline", "decision_note": ""})
    assert "tell the partner why" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_the_dashboard_links_admins_to_the_request_page(client, admin_a):
    client.force_login(admin_a)
    assert URL in client.get(reverse("dashboard")).content.decode()


def test_it_refuses_a_nul_byte_beside_the_field_and_saves_nothing(client, admin_a):
    response = ask(client, admin_a, details="Leave\x00 <script>")
    assert response.status_code == 400
    assert "Null characters are not allowed" in response.content.decode()
    assert not PauseRequest.objects.exists()


def test_the_persons_data_download_holds_their_requests(pending, admin_a):
    [request] = export(admin_a)["excused_month_requests"]
    assert request["reason"] == "Staff leave or a gap in staffing"
