"""In-process measurements at one data size: `python -m bench.inprocess --size 10x`.

Runs in its own process (the database is chosen before Django starts) and prints one JSON
object on its last line: per page the query count and median time (Django test client,
DEBUG off), query counts at page sizes 50 and 200, and at 10x the single-query timings
against raw SQL through psql, plus session cookies for the HTTP run.
"""

import argparse
import json
import os
import statistics
import subprocess
import time

from bench.seed import MEMBER_EMAIL, STAFF_EMAIL, database_name, database_url

TIMED_RUNS = 7


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


def pages() -> list[dict]:
    """(name, who, path, kind): every page the benchmark measures."""
    from django.utils import timezone

    from campaigns.models import Initiative, StrategyCall

    call = StrategyCall.objects.upcoming(timezone.now()).first()
    initiative = Initiative.objects.filter(review_state="verified").order_by("pk").first()
    rows = [
        ("home", "anon", "/", "public"),
        ("about", "anon", "/about/", "public"),
        ("partner", "anon", "/partner/", "public"),
        ("directory", "anon", "/directory/", "public"),
        ("directory filtered", "anon", "/directory/?state=CA", "list"),
        ("dashboard", "member", "/dashboard/", "object"),
        ("activities", "member", "/activities/", "list"),
        ("activities/new", "member", "/activities/new/", "object"),
        ("calls list", "member", "/calls/", "list"),
        ("call detail", "member", f"/calls/{call.pk}/", "object"),
        ("legislation tracker", "member", "/legislation/", "list"),
        ("initiative detail", "member", f"/legislation/{initiative.pk}/", "object"),
        ("org profile", "member", "/org/", "object"),
        ("org profile edit", "member", "/org/edit/", "form"),
        ("org team", "member", "/org/team/", "object"),
        ("staff health", "staff", "/staff/", "grid"),
    ]
    return [dict(zip(("name", "who", "path", "kind"), row, strict=True)) for row in rows]


def clients() -> dict:
    from django.test import Client

    from members.models import User

    out = {"anon": Client()}
    for who, email in (("member", MEMBER_EMAIL), ("staff", STAFF_EMAIL)):
        out[who] = Client()
        out[who].force_login(User.objects.get(email=email))
    return out


def measure(client, path: str) -> dict:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    reset_queries()  # a request resets the log; start from empty so counts are right
    with CaptureQueriesContext(connection) as ctx:
        client.get(path)
    queries = len(ctx.captured_queries)  # read now: the next request clears the log
    times = []
    for _ in range(TIMED_RUNS):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    return {"queries": queries, "ms": statistics.median(times)}


def page_size_queries(by_who: dict) -> dict:
    """Query counts of the paginated pages at page size 50 and at 200."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    import campaigns.views.legislation
    import pledges.views

    targets = {
        "activities": ("member", "/activities/", pledges.views, "PAGE_SIZE"),
        "legislation tracker": (
            "member",
            "/legislation/",
            campaigns.views.legislation,
            "TRACKER_PAGE_SIZE",
        ),
        "staff health": ("staff", "/staff/", pledges.views, "PAGE_SIZE"),
    }
    out = {}
    for name, (who, path, module, attr) in targets.items():
        counts = []
        original = getattr(module, attr)
        for size in (50, 200):
            setattr(module, attr, size)
            try:
                by_who[who].get(path)
                reset_queries()  # a request resets the log; start from empty so counts are right
                with CaptureQueriesContext(connection) as ctx:
                    by_who[who].get(path)
                counts.append(len(ctx.captured_queries))
            finally:
                setattr(module, attr, original)
        out[name] = counts
    return out


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


def staff_grid(size: str) -> dict:
    """The staff page's data, recomputed without any cache, against its SQL run by psql."""
    from django.core.paginator import Paginator

    from pledges.forms import StaffFilterForm
    from pledges.status import months_back, organizations_at_risk, pledge_grid
    from pledges.views import PAGE_SIZE, _activity_mix, _filtered_organizations_from, _participation

    def recompute():
        organizations = _filtered_organizations_from(StaffFilterForm({}))
        months = months_back(12)
        page = Paginator(organizations, PAGE_SIZE).get_page(1)
        pledge_grid(page.object_list, months)
        _participation(organizations, months)
        _activity_mix(organizations, months)
        at_risk = organizations_at_risk(organizations)
        list(at_risk[:20])
        at_risk.count()

    ms, queries = timed(recompute)
    raw = sum(psql_ms(size, sql) for sql in queries)
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
    for page in pages():
        if wanted is not None and page["name"] not in wanted:
            continue
        result["pages"][page["name"]] = {**page, **measure(by_who[page["who"]], page["path"])}
    result["page_sizes"] = page_size_queries(by_who)
    if args.size == "10x":
        result["not_met"] = not_met(args.size)
        result["staff_grid"] = staff_grid(args.size)
        result["cookies"] = {
            who: f"sessionid={by_who[who].cookies['sessionid'].value}"
            for who in ("member", "staff")
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
