"""In-process measurements at one data size: `python -m bench.inprocess --size 10x`.

Runs in its own process (the database is chosen before Django starts) and prints one JSON
object on its last line: per page the query count and best time of 11 (Django test client,
DEBUG off), query counts of the list pages at page sizes 50 and 200, and at 10x the "who has
not met" query and the staff page against their SQL run by psql, plus session cookies for the
HTTP run.
"""

import argparse
import json
import os
import statistics
import subprocess
import time

from bench.load import HELLO, SIGNED_IN_HELLO
from bench.seed import MEMBER_EMAIL, STAFF_EMAIL, database_name, database_url

TIMED_RUNS = 11


def configure(size: str) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=database_url(size),
        DEBUG="false",
        SECRET_KEY="bench-only-not-secret",  # noqa: S106
        ALLOWED_HOSTS="127.0.0.1,testserver",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        STAFF_REQUIRE_MFA="false",
        BENCH_PLAIN_STATIC="1",
    )
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import caches

    # As a release does: nothing an older version of the code cached is served.
    for alias in settings.CACHES:
        caches[alias].clear()


# A page's kind names its budget; its viewer decides its baseline (anonymous pages against
# the bare hello, signed-in ones against the signed-in hello).
def pages() -> list[dict]:
    """name, who, path, kind: every page the benchmark measures."""
    from django.urls import Resolver404, resolve
    from django.utils import timezone

    from campaigns.models import Initiative, StrategyCall

    call = StrategyCall.objects.upcoming(timezone.now()).first()
    initiative = Initiative.objects.filter(review_state="verified").order_by("pk").first()
    rows = [
        ("hello", "anon", HELLO, "baseline"),
        ("signed-in hello", "member", SIGNED_IN_HELLO, "baseline"),
        ("home", "anon", "/", "public"),
        ("about", "anon", "/about/", "public"),
        ("partner", "anon", "/partner/", "public"),
        ("priorities", "anon", "/priorities/", "public"),
        ("directory", "anon", "/directory/", "directory"),
        ("dashboard", "member", "/dashboard/", "object"),
        ("call detail", "member", f"/calls/{call.pk}/", "object"),
        ("initiative detail", "member", f"/legislation/{initiative.pk}/", "object"),
        ("org profile", "member", "/org/", "object"),
        ("org team", "member", "/org/team/", "object"),
        ("activities", "member", "/activities/", "list"),
        ("legislation tracker", "member", "/legislation/", "list"),
        ("calls list", "member", "/calls/", "list"),
        ("practices", "member", "/practices/", "list"),
        # Signed in, as the page is held to the signed-in baseline like the other lists.
        ("directory filtered", "member", "/directory/?state=CA", "list"),
        ("org profile edit", "member", "/org/edit/", "form"),
        ("activities/new", "member", "/activities/new/", "form"),
        ("legislation/new", "member", "/legislation/new/", "form"),
        ("staff health", "staff", "/staff/", "staff"),
    ]
    out = []
    for row in rows:
        page = dict(zip(("name", "who", "path", "kind"), row, strict=True))
        try:
            resolve(page["path"].split("?")[0])
        except Resolver404:
            continue  # a page this version of the site does not have
        out.append(page)
    return out


def clients() -> dict:
    from django.test import Client

    from members.models import User

    out = {"anon": Client()}
    for who, email in (("member", MEMBER_EMAIL), ("staff", STAFF_EMAIL)):
        out[who] = Client()
        out[who].force_login(User.objects.get(email=email))
    return out


def measure(client, path: str) -> dict:
    client.get(path)
    queries = count_queries(client, path)
    times = []
    for _ in range(TIMED_RUNS):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    # The fastest run: the one least disturbed by other processes on a shared machine, so
    # the 1x and 10x runs, minutes apart, compare the page and not the machine's load.
    return {"queries": queries, "ms": min(times)}


def page_size_queries(by_who: dict, listed: list[dict]) -> dict:
    """Query counts of every list page with each Paginator set to 50 rows a page, then 200.

    Paginator is patched rather than each view's page-size constant, so the check needs
    nothing from the views' modules and covers whatever paginates on the page.
    """
    from unittest import mock

    from django.core.paginator import Paginator

    paginator_init = Paginator.__init__
    out = {}
    for page in listed:
        counts = []
        for size in (50, 200):

            def init(self, object_list, per_page, *args, size=size, **kwargs):
                paginator_init(self, object_list, size, *args, **kwargs)

            with mock.patch.object(Paginator, "__init__", init):
                counts.append(count_queries(by_who[page["who"]], page["path"]))
        out[page["name"]] = counts
    return out


def count_queries(client, path: str) -> int:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    reset_queries()  # a request resets the log; start from empty so counts are right
    with CaptureQueriesContext(connection) as ctx:
        client.get(path)
    return len(ctx.captured_queries)  # read now: the next request clears the log


def psql_ms(size: str, sql: str, repeat: int = 5) -> float:
    """Median time of `sql` run by psql (\\timing), results thrown away."""
    script = "\\timing on\n" + f"{sql.rstrip().rstrip(';')};\n" * repeat
    out = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database_name(size), "-Aq"],
        input=script,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    times = [float(line.split()[1]) for line in out.splitlines() if line.startswith("Time:")]
    return statistics.median(times[1:] or times)  # the first run warms the cache


def timed(func, runs: int = 5) -> tuple[float, list[str]]:
    """Median milliseconds of func() and the SQL it ran (captured on one extra run)."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    func()
    reset_queries()  # a request resets the log; start from empty so counts are right
    with CaptureQueriesContext(connection) as ctx:
        func()
    sql = [q["sql"] for q in ctx.captured_queries]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), sql


def not_met(size: str) -> dict:
    from pledges.status import organizations_not_met

    # The query itself: the ids, as the sweep's batches and any count use them (building
    # thousands of model instances is Python work, not the query the budget is about).
    def ids():
        return list(organizations_not_met().values_list("pk", flat=True))

    ms, queries = timed(ids)
    raw = sum(psql_ms(size, sql) for sql in queries)
    return {"queries": len(queries), "ms": ms, "raw_ms": raw, "rows": len(ids())}


def staff_page(size: str, client) -> dict:
    """The staff page through the test client, against the SQL it ran, timed by psql."""

    def view():
        response = client.get("/staff/")
        assert response.status_code == 200, response.status_code

    ms, queries = timed(view)
    # BEGIN, COMMIT and SAVEPOINT statements are the request's transaction, not its data.
    data = [sql for sql in queries if sql.lstrip().upper().startswith(("SELECT", "WITH"))]
    raw = sum(psql_ms(size, sql) for sql in data)
    return {"queries": len(queries), "ms": ms, "raw_ms": raw}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", required=True)
    parser.add_argument("--pages", help="only these pages, comma-separated")
    args = parser.parse_args()
    configure(args.size)
    by_who = clients()
    result = {"pages": {}}
    wanted = set(args.pages.split(",")) if args.pages else None
    chosen = [
        page
        for page in pages()
        if wanted is None or page["name"] in wanted or page["kind"] == "baseline"
    ]
    for page in chosen:
        result["pages"][page["name"]] = {**page, **measure(by_who[page["who"]], page["path"])}
    listed = [page for page in chosen if page["kind"] in ("list", "staff")]
    result["page_sizes"] = page_size_queries(by_who, listed)
    if args.size == "10x":
        result["not_met"] = not_met(args.size)
        result["staff_page"] = staff_page(args.size, by_who["staff"])
        result["cookies"] = {
            who: f"sessionid={by_who[who].cookies['sessionid'].value}"
            for who in ("member", "staff")
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
