"""The named hooks through which other apps add to pledges: what still counts this month
(for reminders) and extra tables on the coalition-health page.

`campaigns` registers functions here (the next strategy call, upcoming days of action, the
reach of shared coalition updates); pledges never imports campaigns. Each "upcoming"
function takes the first day of a pledge month and returns a list of dicts with "title",
"when" (a date or datetime) and "url" (absolute or site-relative).
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


# Extra tables on the coalition-health page. Each function takes the months shown (their
# first days, oldest first) and returns None or {"heading", "caption", "columns", "rows"},
# a row being a list of cells, the first one naming the row.
HealthTable = Callable[[list[datetime.date]], dict | None]
_health_tables: list[HealthTable] = []


def register_health_table(func: HealthTable) -> HealthTable:
    if func not in _health_tables:
        _health_tables.append(func)
    return func


def health_tables(months: list[datetime.date]) -> list[dict]:
    return [table for func in _health_tables if (table := func(months))]
