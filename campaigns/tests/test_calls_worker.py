import pytest

from campaigns.services import call_publish
from campaigns.tasks import send_call_announcement, send_pending_call_announcements
from campaigns.tests.factories import StrategyCallFactory

pytestmark = pytest.mark.worker


def test_publication_email_reaches_smtp_once_through_the_worker(
    smtp_settings, celery_worker_process, member_a, staff
):
    first = StrategyCallFactory(draft=True, title="First call")
    announcement = call_publish(call=first, by=staff)
    assert len(smtp_settings.wait_for(1)) == 1
    # Everything that could send it again: publishing again, the task redelivered, the sweep.
    call_publish(call=first, by=staff)
    send_call_announcement.delay(announcement.pk)
    send_pending_call_announcements.delay()
    # A later publication proves the worker got past the repeats.
    call_publish(call=StrategyCallFactory(draft=True, title="Second call"), by=staff)
    messages = smtp_settings.wait_for(2)
    subjects = [line for m in messages for line in m["data"].splitlines() if "Subject:" in line]
    assert len(messages) == 2 and [m["to"] for m in messages] == [[member_a.email]] * 2
    assert sum("First call" in s for s in subjects) == 1
    assert "text/calendar" in messages[0]["data"]
