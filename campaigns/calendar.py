"""iCalendar files: one call's invitation and a person's subscribable feed.

Their words (names, summaries, descriptions) are in the language active when they are built."""

import datetime
from collections.abc import Iterable
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress

from pledges.models import month, next_month

from .models import DayOfAction, StrategyCall, coalition_zone

# How many months of pledge deadlines the feed carries around today.
DEADLINE_MONTHS_BACK = 2
DEADLINE_MONTHS_AHEAD = 12


def _host() -> str:
    return urlsplit(settings.SITE_ROOT).hostname or "coalition.example"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//{settings.SITE_NAME}//Strategy calls//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def organizer() -> vCalAddress:
    """The portal's sender address: iTIP (RFC 5546) needs one on every event it sends."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["CN"] = name or settings.SITE_NAME
    return organizer


def add_timezones(cal: Calendar, starts: Iterable[datetime.datetime]) -> None:
    """VTIMEZONEs covering the years of `starts`: icalendar's own range stops at 2038."""
    years = [start.year for start in starts]
    if years:
        cal.add_missing_timezones(
            first_date=datetime.date(min(years) - 1, 1, 1),
            last_date=datetime.date(max(years) + 2, 1, 1),
        )


def call_event(call: StrategyCall, *, agenda: Iterable | None = None) -> Event:
    """A call as an event in the coalition's zone (TZID plus a VTIMEZONE), with its join
    details: only ever built for partner members."""
    zone = coalition_zone()
    url = settings.SITE_ROOT + call.get_absolute_url()
    event = Event()
    event.add("uid", f"strategy-call-{call.pk}@{_host()}")
    event.add("dtstamp", timezone.now())
    event.add("organizer", organizer())
    event.add("dtstart", call.starts_at.astimezone(zone))
    event.add("dtend", call.ends_at.astimezone(zone))
    event.add("summary", call.title)
    event.add("url", url)
    if call.join_url:
        event.add("location", call.join_url)
    event.add(
        "description",
        render_to_string(
            "campaigns/call_event.txt", {"call": call, "url": url, "agenda": agenda or []}
        ).strip(),
    )
    # Calendar apps take an update or a cancellation only with a higher SEQUENCE.
    event.add("sequence", call.sequence)
    if call.status == StrategyCall.Status.CANCELLED:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    return event


def call_ics(call: StrategyCall, *, invitation: bool = False) -> bytes:
    """The call to add to a calendar; a cancelled call as a cancellation, which calendar
    apps use to take it off the calendar (same UID, STATUS:CANCELLED, a higher SEQUENCE).

    `invitation`: the iTIP request an announcement email carries (RFC 5546, METHOD:REQUEST),
    which calendar apps add or update by themselves; a download is published (PUBLISH)."""
    cal = _calendar(call.title)
    cal.add("method", call_method(call, invitation=invitation))
    cal.add_component(call_event(call, agenda=call.agenda_items.all()))
    add_timezones(cal, [call.starts_at])
    return cal.to_ical()


def call_method(call: StrategyCall, *, invitation: bool = False) -> str:
    if call.status == StrategyCall.Status.CANCELLED:
        return "CANCEL"
    return "REQUEST" if invitation else "PUBLISH"


def _all_day(uid: str, day: datetime.date, summary: str, description: str, url: str) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{_host()}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    if url:
        event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def pledge_deadlines(today: datetime.date) -> list[Event]:
    """The last day of each pledge month, as all-day events."""
    first = month(today)
    for __ in range(DEADLINE_MONTHS_BACK):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    events = []
    what = _("Take part in at least one coalition activity this month and log it on the portal.")
    for __ in range(DEADLINE_MONTHS_BACK + DEADLINE_MONTHS_AHEAD + 1):
        last = next_month(first) - datetime.timedelta(days=1)
        month_name = date_format(first, "YEAR_MONTH_FORMAT")
        events.append(
            _all_day(
                f"pledge-deadline-{first:%Y-%m}",
                last,
                _("Last day to meet the %(month)s pledge") % {"month": month_name},
                what,
                settings.SITE_ROOT + "/",
            )
        )
        first = next_month(first)
    return events


def feed_ics(*, now: datetime.datetime | None = None) -> bytes:
    """The subscribable feed: calls partners may see, pledge deadlines, days of action.
    Only coalition-wide information: nothing about any one organization or person."""
    now = now or timezone.now()
    cal = _calendar(_("%(site)s calls") % {"site": settings.SITE_NAME})
    cal.add("method", "PUBLISH")
    since = now - datetime.timedelta(days=180)
    calls = list(
        StrategyCall.objects.for_members().filter(starts_at__gte=since).order_by("starts_at")
    )
    for call in calls:
        cal.add_component(call_event(call))
    for event in pledge_deadlines(timezone.localdate(now)):
        cal.add_component(event)
    days = DayOfAction.objects.published().filter(date__gte=since.date()).order_by("date")
    for day in days:
        url = settings.SITE_ROOT + day.get_absolute_url()
        description = day.what_to_do
        if day.link:
            description += "\n\n" + _("More: %(link)s") % {"link": day.link}
        cal.add_component(
            _all_day(
                f"day-of-action-{day.pk}",
                day.date,
                _("Day of action: %(title)s") % {"title": day.title},
                description,
                url,
            )
        )
    add_timezones(cal, [call.starts_at for call in calls])
    return cal.to_ical()
