"""The one named hook through which other apps tell pledges what still counts this month.

`campaigns` registers a function here (the next strategy call, upcoming days of action);
pledges never imports campaigns. Each function takes the first day of a pledge month and
returns a list of dicts with "title", "when" (a date or datetime) and "url" (absolute or
site-relative).
"""

import datetime
from collections.abc import Callable

Upcoming = Callable[[datetime.date], list[dict]]
_upcoming: list[Upcoming] = []


def register_upcoming(func: Upcoming) -> Upcoming:
    """Register `func`; usable as a decorator, and registering twice keeps one."""
    if func not in _upcoming:
        _upcoming.append(func)
    return func


def unregister_upcoming(func: Upcoming) -> None:
    if func in _upcoming:
        _upcoming.remove(func)


def _sort_key(item: dict) -> datetime.datetime:
    when = item["when"]
    if isinstance(when, datetime.datetime):
        return when.replace(tzinfo=None)
    return datetime.datetime.combine(when, datetime.time())


def upcoming(first: datetime.date) -> list[dict]:
    """Everything still ahead this month that would count for the pledge, soonest first."""
    items: list[dict] = []
    for func in _upcoming:
        items.extend(func(first) or [])
    return sorted(items, key=_sort_key)
