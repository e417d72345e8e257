from django.urls import reverse

from campaigns.demo import seed_calls
from campaigns.models import CallAnnouncement, DayOfAction, StrategyCall
from campaigns.services import call_copy_to_next_month
from campaigns.tests.factories import local

CHANGELIST = reverse("admin:campaigns_strategycall_changelist")


def action(client, name: str, call):
    return client.post(
        CHANGELIST, {"action": name, "_selected_action": [call.pk], "index": 0}, follow=True
    )


def test_it_copies_a_call_to_next_month_as_a_draft_with_standing_items(call, staff):
    copy = call_copy_to_next_month(call=call, by=staff)
    assert copy.status == StrategyCall.Status.DRAFT and copy.published_at is None
    assert copy.starts_at == local(2027, 1, 12, 14)
    assert list(copy.agenda_items.values_list("topic", flat=True)) == ["Welcome and new partners"]
    assert (copy.join_url, copy.captions) == (call.join_url, call.captions)


def test_the_copy_action_opens_the_new_draft(client, staff, call):
    client.force_login(staff)
    response = action(client, "copy_to_next_month", call)
    copy = StrategyCall.objects.get(starts_at=local(2027, 1, 12, 14))
    assert response.redirect_chain[-1][0].endswith(f"/{copy.pk}/change/")


def test_the_agenda_updated_action_claims_a_new_announcement_each_time(client, staff, call):
    client.force_login(staff)
    action(client, "send_agenda_updated", call)
    action(client, "send_agenda_updated", call)
    sequences = CallAnnouncement.objects.filter(call=call, kind="agenda_updated")
    assert sorted(sequences.values_list("sequence", flat=True)) == [1, 2]


def test_the_publish_action_says_when_nothing_was_sent(client, staff, call):
    client.force_login(staff)
    action(client, "publish", call)
    response = action(client, "publish", call)
    assert "was already announced; no email sent" in response.content.decode()
    assert CallAnnouncement.objects.filter(call=call).count() == 1


def test_the_cancel_action_marks_the_call_cancelled(client, staff, call):
    client.force_login(staff)
    action(client, "cancel", call)
    call.refresh_from_db()
    assert call.status == StrategyCall.Status.CANCELLED


def test_the_attendance_page_is_for_staff_only(client, admin_a, call):
    client.force_login(admin_a)
    url = reverse("admin:campaigns_strategycall_attendance", args=[call.pk])
    assert client.get(url).status_code == 302
    assert client.post(url).status_code == 302


def test_the_demo_seed_adds_calls_and_days_once(db):
    seed_calls()
    seed_calls()
    upcoming = StrategyCall.objects.published().upcoming().get()
    assert upcoming.agenda_items.count() == 4
    assert StrategyCall.objects.past().get().minutes
    assert DayOfAction.objects.published().upcoming().count() == 2
