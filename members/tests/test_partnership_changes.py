"""Staff pause and resume a partnership, with a reason, and the partner is told kindly."""

import pytest
from django.urls import reverse

from members import services
from members.models import Organization, PartnershipChange


def test_pausing_keeps_who_when_and_why_and_tells_the_admins(
    org_a, admin_a, member_a, staff, mailoutbox
):
    services.partnership_change(
        organization=org_a, change="pause", reason="No reply since spring", by=staff
    )
    org_a.refresh_from_db()
    assert org_a.status == Organization.Status.PAUSED
    record = PartnershipChange.objects.get()
    assert (record.changed_by, record.reason) == (staff, "No reply since spring")


def test_resuming_makes_the_partnership_active_again(org_a, staff):
    services.partnership_change(organization=org_a, change="pause", reason="Quiet", by=staff)
    services.partnership_change(organization=org_a, change="resume", reason="Back!", by=staff)
    org_a.refresh_from_db()
    assert org_a.status == Organization.Status.ACTIVE
    assert PartnershipChange.objects.count() == 2


def test_it_needs_a_reason(org_a, staff):
    with pytest.raises(services.MembersError):
        services.partnership_change(organization=org_a, change="pause", reason=" ", by=staff)
    assert not PartnershipChange.objects.exists()


def test_it_cannot_resume_an_active_partnership(org_a, staff):
    with pytest.raises(services.MembersError):
        services.partnership_change(organization=org_a, change="resume", reason="x", by=staff)


def test_staff_pause_from_the_admin_and_the_partner_is_emailed(
    client, org_a, admin_a, staff, deliver_mail, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    data = {"organization": org_a.pk, "change": "pause", "reason": "A hard season {{ x }}"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:members_partnershipchange_add"), data)
    [email] = deliver_mail()
    assert email.to == [admin_a.email] and "A hard season {{ x }}" in email.body


def test_the_admin_form_explains_a_change_that_does_not_apply(client, org_a, staff):
    client.force_login(staff)
    data = {"organization": org_a.pk, "change": "resume", "reason": "Back"}
    response = client.post(reverse("admin:members_partnershipchange_add"), data)
    assert "only a partnership that is paused" in response.content.decode()
    assert not PartnershipChange.objects.exists()
