"""Mozilla's ical.js (what Thunderbird reads calendars with) reads each call invitation as an
iTIP message: its METHOD, ORGANIZER and UID, and a SEQUENCE that grows with each change."""

import datetime
from pathlib import Path

from django.conf import settings

from campaigns.services import call_announce_new_time, call_cancel, call_publish
from campaigns.tasks import send_pending_call_announcements
from campaigns.tests.factories import StrategyCallFactory
from outbox.tests.mime import calendar_text

ICALJS = Path(settings.BASE_DIR) / "node_modules" / "ical.js" / "dist" / "ical.es5.cjs"

READ = """(text) => {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = calendar.getFirstSubcomponent('vevent');
  return {
    method: calendar.getFirstPropertyValue('method'),
    organizer: event.getFirstPropertyValue('organizer'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: event.getFirstPropertyValue('sequence'),
    zone: event.getFirstProperty('dtstart').getParameter('tzid'),
  };
}"""


def test_ical_js_reads_the_invitation_its_update_and_its_cancellation(
    page, staff, member_a, deliver_mail
):
    call = StrategyCallFactory(draft=True, title="January strategy call")
    texts = []
    for step in ("publish", "move", "cancel"):
        if step == "publish":
            call_publish(call=call, by=staff)
        elif step == "move":
            call.refresh_from_db()
            call.starts_at += datetime.timedelta(hours=2)
            call.save()
            call_announce_new_time(call=call, by=staff)
        else:
            call_cancel(call=call, by=staff)
        send_pending_call_announcements()
        [message] = deliver_mail()
        deliver_mail().clear()
        texts.append(calendar_text(message)[1])
    page.goto("/")
    page.evaluate(ICALJS.read_text())
    read = [page.evaluate(READ, text) for text in texts]
    assert [r["method"] for r in read] == ["REQUEST", "REQUEST", "CANCEL"]
    assert {r["organizer"] for r in read} == {"mailto:portal@coalition.example"}
    assert len({r["uid"] for r in read}) == 1 and read[0]["zone"] == "America/New_York"
    assert read[0]["sequence"] < read[1]["sequence"] < read[2]["sequence"]
