import pytest

from pledges.models import Reminder
from pledges.tasks import send_pledge_reminders

pytestmark = pytest.mark.worker


def test_a_worker_on_redis_sweeps_and_delivers_reminders_over_smtp(
    admin_a, member_b, smtp_settings, celery_worker_process
):
    send_pledge_reminders.delay(stage="first")
    messages = smtp_settings.wait_for(2)
    assert sorted(m["to"][0] for m in messages) == ["admin.a@example.org", "member.b@example.org"]
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in messages[0]["data"]
    assert Reminder.objects.count() == 2


def test_a_second_sweep_on_the_worker_sends_nothing_more(
    admin_a, smtp_settings, celery_worker_process
):
    send_pledge_reminders.delay(stage="first")
    smtp_settings.wait_for(1)
    send_pledge_reminders.delay(stage="first")
    send_pledge_reminders.delay(stage="first")
    assert len(smtp_settings.wait_for(2, timeout=2)) == 1
