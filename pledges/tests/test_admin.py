from django.urls import reverse

from pledges.models import PledgePause, Reminder
from pledges.services import reminder_sweep
from pledges.tests.factories import ActivityFactory, day


def test_staff_grant_a_pause_with_a_reason(client, staff, org_a):
    client.force_login(staff)
    response = client.post(
        reverse("admin:pledges_pledgepause_add"),
        {"organization": org_a.pk, "month": "2026-04-17", "reason": "Flooded office."},
    )
    assert response.status_code == 302
    pause = PledgePause.objects.get()
    assert (pause.month, pause.granted_by) == (day("2026-04-01"), staff)


def test_staff_see_every_reminder_sent_but_cannot_change_them(client, staff, admin_a, org_a):
    reminder_sweep(first=day("2026-05-01"), stage="first", today=day("2026-05-15"))
    reminder = Reminder.objects.get()
    client.force_login(staff)
    listing = client.get(reverse("admin:pledges_reminder_changelist"))
    assert org_a.name in listing.text
    assert "queued" in listing.text.lower()
    assert client.get(reverse("admin:pledges_reminder_add")).status_code == 403
    detail = client.get(reverse("admin:pledges_reminder_change", args=[reminder.pk]))
    assert admin_a.email in detail.text


def test_staff_browse_activities_in_the_admin(client, staff, org_a):
    ActivityFactory(organization=org_a)
    client.force_login(staff)
    response = client.get(reverse("admin:pledges_activity_changelist"))
    assert org_a.name in response.text


def test_people_who_are_not_staff_cannot_open_the_admin(client, member_a):
    client.force_login(member_a)
    response = client.get(reverse("admin:pledges_reminder_changelist"))
    assert response.status_code == 302
