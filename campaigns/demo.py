"""Demo strategy calls and days of action for `make run`; safe to run again."""

import datetime

from django.utils import timezone

from .models import AgendaItem, DayOfAction, StrategyCall, coalition_zone
from .services import same_weekday_next_month

JOIN_URL = "https://meet.example.org/coalition-strategy"
DIAL_IN = "+1 555 010 0100, meeting code 4242 1212"

NEXT_AGENDA = [
    ("Welcome and new partners", "Casey Coordinator", 10, True),
    ("State crisis-line funding: where each bill stands", "Policy working group", 20, False),
    ("Peer-support certification: what worked in Ohio", "Harbor Peer Network", 15, False),
    ("Planning the next day of action", "Casey Coordinator", 15, True),
]


def _second_tuesday(year: int, month_no: int) -> datetime.datetime:
    first = datetime.date(year, month_no, 1)
    day = first + datetime.timedelta(days=(1 - first.weekday()) % 7 + 7)
    return datetime.datetime.combine(day, datetime.time(14, 0), tzinfo=coalition_zone())


def seed_calls() -> None:
    today = timezone.localdate()
    this_month = _second_tuesday(today.year, today.month)
    if this_month > timezone.now():
        upcoming, past = this_month, None
    else:
        upcoming, past = same_weekday_next_month(this_month), this_month
    if past is None:
        last = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        past = _second_tuesday(last.year, last.month)

    call, created = StrategyCall.objects.get_or_create(
        title="Monthly strategy call",
        starts_at=upcoming,
        defaults={
            "join_url": JOIN_URL,
            "dial_in": DIAL_IN,
            "captions": True,
            "asl": True,
            "accessibility_notes": "Slides are emailed a day ahead. There is a short break.",
            "status": StrategyCall.Status.PUBLISHED,
            "published_at": timezone.now(),
        },
    )
    if created:
        for position, (topic, presenter, minutes, standing) in enumerate(NEXT_AGENDA, start=1):
            AgendaItem.objects.create(
                call=call,
                position=position,
                topic=topic,
                presenter=presenter,
                minutes_allotted=minutes,
                standing=standing,
            )

    past_call, created = StrategyCall.objects.get_or_create(
        title="Monthly strategy call",
        starts_at=past,
        defaults={
            "join_url": JOIN_URL,
            "dial_in": DIAL_IN,
            "captions": True,
            "status": StrategyCall.Status.PUBLISHED,
            "published_at": past - datetime.timedelta(days=7),
            "minutes": "Twelve organizations joined. The policy group shared a bill tracker "
            "for crisis-line funding. Next steps: each partner checks its state's bill status "
            "before the next call.",
            "recording_url": "https://video.example.org/coalition-call-recording",
        },
    )
    if created:
        AgendaItem.objects.create(
            call=past_call, position=1, topic="Welcome and new partners", standing=True
        )
        AgendaItem.objects.create(
            call=past_call, position=2, topic="Crisis-line funding update", minutes_allotted=25
        )

    for offset, title, what in [
        (
            10,
            "Crisis care for all: call your state legislators",
            "Call or email your state legislators and ask them to fund 988 crisis lines. "
            "A short script is on the campaign page.",
        ),
        (
            24,
            "Peer voices day",
            "Share a recovery story (with permission) or a fact about peer support on "
            "social media with #PeerVoices.",
        ),
    ]:
        DayOfAction.objects.get_or_create(
            title=title,
            defaults={
                "date": today + datetime.timedelta(days=offset),
                "what_to_do": what,
                "link": "https://coalition.example/campaigns",
                "is_published": True,
            },
        )
