"""Issue 8, item 1: every URL is classified, and only public ones open without signing in."""

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from members.tests.factories import MembershipFactory

from .figures import record
from .routes import PUBLIC, ROUTES, TOKEN, all_routes, example_path


def ids_of(side, world) -> dict[str, int]:
    """URL name -> the id of a real row of `side` (or a shared row) to put in its path."""
    rows = side.rows
    return {
        "pledges:activity_edit": rows["activity"].pk,
        "pledges:activity_delete": rows["activity"].pk,
        "members:team_role": rows["membership"].pk,
        "members:team_reminders": rows["membership"].pk,
        "members:team_remove": rows["membership"].pk,
        "members:invitation_resend": rows["invitation"].pk,
        "members:invitation_revoke": rows["invitation"].pk,
        "campaigns:call_detail": world.call.pk,
        "campaigns:call_calendar": world.call.pk,
        "campaigns:call_rsvp": world.call.pk,
        "campaigns:day_took_part": world.day.pk,
        "campaigns:initiative_detail": rows["initiative"].pk,
        "campaigns:update_detail": rows["update_share"].update_id,
        "campaigns:update_shared": rows["update_share"].update_id,
    }


LOGIN_PATHS = ("/accounts/login/", "/admin/login/")


def test_it_classifies_every_route():
    routes = all_routes()
    unclassified = [f"{r.route} ({r.name})" for r in routes if r.kind is None]
    assert not unclassified, "Classify these URLs in coalition/tests/routes.py: " + ", ".join(
        unclassified
    )
    names = {r.name for r in routes}
    assert not set(ROUTES) - names, f"Stale entries in ROUTES: {set(ROUTES) - names}"
    counts = Counter(r.kind for r in routes)
    record(
        "route census",
        f"{len(routes)} routes: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())),
    )


def test_it_sends_anonymous_visitors_to_login_from_every_private_route(world):
    client = Client()
    ids = ids_of(world.a, world)
    private = [r for r in all_routes() if r.kind not in (PUBLIC, TOKEN)]
    wrong = []
    for route in private:
        path = example_path(route, ids)
        response = client.get(path)
        if response.status_code != 302 or not response.url.startswith(LOGIN_PATHS):
            wrong.append(f"{path} ({route.name}): {response.status_code}")
    assert not wrong, "Open to anonymous visitors:\n" + "\n".join(wrong)
    # The admin's own login page hands over to allauth's.
    assert client.get(reverse("admin:login")).url.startswith(reverse("account_login"))
    record("anonymous sweep", f"{len(private)} private routes all redirect to login")


def test_it_answers_bad_tokens_with_not_found(world):
    client = Client()
    tokens = [r for r in all_routes() if r.kind == TOKEN]
    for route in tokens:
        path = example_path(route, {})
        response = client.get(path)
        assert response.status_code in (400, 404) or b"invalid" in response.content.lower(), path
    response = client.get(reverse("campaigns:calendar_feed") + "?token=not-a-token")
    assert response.status_code == 404


CSP_MUST = ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]


def _header_problems(path: str, response, *, signed_in: bool) -> list[str]:
    """Item 8: a strict policy on every HTML page; nothing signed-in kept in a cache."""
    problems = []
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        csp = response.get("Content-Security-Policy", "")
        missing = [d for d in CSP_MUST if d not in csp]
        if not csp or "unsafe-inline" in csp or "unsafe-eval" in csp or missing:
            problems.append(f"{path}: weak or missing CSP ({csp!r})")
    if "camera=()" not in response.get("Permissions-Policy", ""):
        problems.append(f"{path}: no Permissions-Policy denying unused features")
    if signed_in and "no-store" not in response.get("Cache-Control", ""):
        problems.append(f"{path}: signed-in response without Cache-Control no-store")
    return problems


@pytest.mark.parametrize("who", ["anonymous", "member", "admin", "stranger", "staff"])
def test_every_route_answers_without_500_and_with_strict_headers(world, who):
    """GET every route (POST the member ones) as each kind of person: no server error,
    CSP and Cache-Control right on every page, the Django admin's pages included."""
    client = Client(raise_request_exception=False)
    user = {
        "member": world.a.member,
        "admin": world.a.admin,
        "stranger": world.b.admin,
        "staff": world.staff,
    }.get(who)
    if user:
        client.force_login(user)
    ids = ids_of(world.a, world)
    problems, pages = [], 0
    for route in all_routes():
        if route.name in ("account_logout", "admin:logout", "admin:resend"):
            continue  # would end the session the sweep needs, or send mail again
        if route.route.startswith("admin/") and who != "staff" and route.name != "admin:index":
            continue  # one is enough: the admin turns away everyone who is not staff
        if route.name.endswith(("_delete", "_history", "<unnamed>")):
            continue  # the same admin templates as the change page, at twice the cost
        path = example_path(route, ids)
        response = client.get(path)
        pages += response.status_code == 200
        if response.status_code >= 500:
            problems.append(f"GET {path}: {response.status_code}")
        problems += _header_problems(path, response, signed_in=user is not None)
        if not route.route.startswith("admin/"):
            status = client.post(path).status_code
            if status >= 500:
                problems.append(f"POST {path}: {status}")
    assert not problems, "\n".join(problems)
    record(f"pages checked for headers ({who})", str(pages))


# What a person can put where a page expects an id or a token: a NUL byte (which PostgreSQL
# refuses outright) and a number too large for a 64-bit integer.
HOSTILE = {"nul": "%00", "too-big": "9" * 20}
# The query parameters that views read an id, a token or a page number from.
QUERY_ARGS = ("token", "page", "focus_area", "topic", "state")
NOT_SWEPT = ("account_logout", "admin:logout", "admin:resend")  # end the session, send mail


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("who", ["anonymous", "member", "staff"])
def test_it_answers_hostile_ids_and_tokens_without_500(world, who, value):
    client = Client(raise_request_exception=False)
    if user := {"member": world.a.member, "staff": world.staff}.get(who):
        client.force_login(user)
    query = "?" + "&".join(f"{name}={value}" for name in QUERY_ARGS)
    problems = []
    for route in all_routes():
        if route.name in NOT_SWEPT or (route.route.startswith("admin/") and who != "staff"):
            continue
        path = example_path(route, {}, every_arg=value) + query
        methods = [client.get] if route.route.startswith("admin/") else [client.get, client.post]
        problems += [f"{m.__name__} {path}" for m in methods if m(path).status_code >= 500]
    assert not problems, "\n".join(problems)


class NextForms(HTMLParser):
    """The POST forms of the pages fed to it: [(action, {field: value})]."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []
        self.current: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self.current = {}
            self.forms.append((attrs.get("action", ""), self.current))
        elif tag == "input" and attrs.get("name"):
            self.current[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.current = {}


def test_every_form_with_a_next_goes_back_only_to_a_path_here(world):
    """Every member page's forms that send `next`, posted with one that is not a local path."""
    client = Client(raise_request_exception=False)
    client.force_login(MembershipFactory().user)  # nothing recorded yet: every form shows
    pages = NextForms()
    for route in all_routes():
        if not route.route.startswith(("admin/", "accounts/")):
            pages.feed(client.get(example_path(route, ids_of(world.a, world))).content.decode())
    forms = {action: fields for action, fields in pages.forms if "next" in fields}
    assert len(forms) >= 2, forms  # "we took part" and "we shared this" at least
    problems = []
    for action, fields in forms.items():
        for target in ("foo", "//evil.example", "\x00", "https://evil.example/x"):
            response = client.post(action, {**fields, "next": target})
            location = response.get("Location", "")
            if not location.startswith("/") or location.startswith("//"):
                problems.append(f"{action} next={target!r}: {response.status_code} {location}")
    assert not problems, "\n".join(problems)
