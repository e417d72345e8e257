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
  and organizations at risk. Key: the month and the filters. Ten minutes (working them out
  takes about 0.35 s at 10x): the page says when they were worked out, and its
  organization x month grid is always read fresh.
- The home page's public face (coalition.views.home): partner and state counts with the map
  drawn, the next call's topic, the latest verified initiatives and shared practices. No key
  beyond its name; five minutes, so it may lag the database by that much.
- The public priorities list's unfiltered first page (campaigns.views.priorities), rendered.
  A minute, so a newly verified position shows within a minute.
- The public directory's unfiltered and state-only first pages (members.views.directory),
  rendered. Key: the state. A minute, so a newly listed partner shows within a minute.
- The filter forms of the legislation tracker and the practices list before a filter is
  chosen (campaigns.views.common.empty_filter_form), rendered: the same for everyone, and
  their 57 states and other choices took half the list's time. Key: the topics they offer.
  An hour.

Every key also names the active language: the values hold text written in it.

Whole pages, in each web process's own memory (the "pages" cache, so a visit costs no query),
for a request that carries no cookie at all (`for_first_visits`): a first visit,
a search engine, a link preview. Such a request has no session, no messages and no language
but its browser's, so the page depends on nothing but its address and language, which Django's
`cache_page` puts in the key. The pages: home, about, "how partnering works", the public
priorities and the public directory with any filter; five minutes (`FIRST_VISIT_SECONDS`), so
what a first visitor reads may lag the database by that much.
They hold no CSRF token: the one form on them, the language switch, takes a visitor's choice
without one (members.language). A request with any cookie gets its page rendered for it.

Two parts of every page's layout, with Django's `{% cache %}` tag in the same "pages" cache:
the footer (key: the language) and a partner's menus (templates/_nav.html; key: the language,
the page shown, whether the person is staff), an hour; a release starts new processes.

Everything else (team, profile, pledge summary, call pages, the lists' results) is read with
plain queries on every request. allauth keeps its rate-limit counters in the same cache.
"""

import hashlib
from collections.abc import Callable, Iterable
from functools import wraps
from typing import TypeVar

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.views.decorators.cache import cache_page
from django.views.decorators.vary import vary_on_cookie

T = TypeVar("T")

FIRST_VISIT_SECONDS = 5 * 60


def cached(name: str, depends_on: Iterable, build: Callable[[], T], seconds: int) -> T:
    """`build()`, kept `seconds` under a key made of `name`, the active language and what the
    value depends on."""
    digest = hashlib.sha256(repr(list(depends_on)).encode()).hexdigest()
    return cache.get_or_set(f"{name}:{get_language()}:{digest}", build, seconds)


def for_first_visits(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A view decorator: the whole page, kept `FIRST_VISIT_SECONDS` for requests without a
    cookie. The page says it varies on cookies, so a browser that kept it asks again once
    someone signs in or picks a language."""
    view = vary_on_cookie(view)
    cached_view = cache_page(FIRST_VISIT_SECONDS, cache="pages")(view)

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.COOKIES:
            return view(request, *args, **kwargs)
        return cached_view(request, *args, **kwargs)

    return wrapper
