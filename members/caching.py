"""Everything the portal keeps in its cache: what, for how long, and what ends it.

The cache is Django's database cache (shared by every process, kept while Redis is down).
A value is stored under a key that names what it was built from, so a change to the data gives
a new key and nothing ever has to be invalidated; a write that has not committed yet is simply
not seen. Values are rendered text or plain Python values, never model instances. Entries under
keys nobody asks for any more expire after their timeout.

What is kept:

- The dashboard's coalition panels (coalition.dashboard): the next strategy call with its first
  agenda items, upcoming days of action and the latest updates, the same for every partner.
  Key: today's date and the id and `updated_at` of every row on them (coalition.caching).
  An hour.
- The staff coalition-health figures (pledges.views.staff_health): participation, activity mix
  and organizations at risk. Key: the month and the filters. A minute: the page says when they
  were worked out, and its organization x month grid is always read fresh.
- The home page's public face (coalition.views.home): partner and state counts with the map
  drawn, the next call's topic, the latest verified initiatives and shared practices. No key
  beyond its name; five minutes, so it may lag the database by that much.
- The public priorities list's unfiltered first page (campaigns.views.priorities), rendered.
  A minute, so a newly verified position shows within a minute.
- The public directory's unfiltered and state-only first pages (members.views.directory),
  rendered. Key: the state. A minute, so a newly listed partner shows within a minute.

Every key also names the active language: the values hold text written in it.

Everything else (team, profile, pledge summary, call pages, the tracker) is read with plain
queries on every request. allauth keeps its rate-limit counters in the same cache.
"""

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.utils.translation import get_language

T = TypeVar("T")


def cached(name: str, depends_on: Iterable, build: Callable[[], T], seconds: int) -> T:
    """`build()`, kept `seconds` under a key made of `name`, the active language and what the
    value depends on."""
    digest = hashlib.sha256(repr(list(depends_on)).encode()).hexdigest()
    return cache.get_or_set(f"{name}:{get_language()}:{digest}", build, seconds)
