"""Issue 8, item 9: no state change without a CSRF token or through a GET."""

import re
from pathlib import Path

from django.core import serializers
from django.test import Client
from django.urls import reverse

from .figures import record
from .routes import all_routes, example_path
from .test_route_census import ids_of

APPS = ["coalition", "members", "pledges", "campaigns"]
POST_ONLY = [
    "members:apply_withdraw",
    "members:team_role",
    "members:team_reminders",
    "members:invitation_resend",
    "members:invitation_revoke",
    "campaigns:call_rsvp",
    "campaigns:day_took_part",
]


def test_the_only_csrf_exempt_views_are_unsubscribe_and_a_visitors_language_switch():
    root = Path(__file__).resolve().parents[2]
    used = [
        f"{path.relative_to(root)}"
        for app in APPS
        for path in (root / app).rglob("*.py")
        if "tests" not in path.parts and re.search(r"@csrf_exempt", path.read_text())
    ]
    assert sorted(used) == ["members/language.py", "pledges/views.py"]
    exempt = {r.name for r in all_routes() if getattr(r.callback, "csrf_exempt", False)}
    # set_language checks the token itself for a signed-in person (test_first_visits).
    assert exempt == {"pledges:unsubscribe", "set_language"}


def test_every_post_without_a_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.a.admin)
    ids = ids_of(world.a, world)
    before = serializers.serialize("json", [world.a.org, *world.a.rows.values()])
    checked = 0
    for route in all_routes():
        if route.name == "pledges:unsubscribe" or route.route.startswith("admin/"):
            continue
        path = example_path(route, ids)
        assert client.post(path, {"role": "member"}).status_code == 403, path
        checked += 1
    staff = Client(enforce_csrf_checks=True)
    staff.force_login(world.staff)
    admin_change = reverse("admin:members_organization_change", args=[world.a.org.pk])
    assert staff.post(admin_change, {"name": "Renamed"}).status_code == 403
    assert serializers.serialize("json", [world.a.org, *world.a.rows.values()]) == before
    record(
        "CSRF",
        f"{checked} routes refuse a signed-in POST without a token; exempt: unsubscribe, "
        "and the language switch for visitors only",
    )


def test_post_only_views_answer_a_get_with_405(world):
    client = Client()
    client.force_login(world.a.admin)
    ids = ids_of(world.a, world)
    routes = {r.name: r for r in all_routes()}
    for name in POST_ONLY:
        assert client.get(example_path(routes[name], ids)).status_code == 405, name


def test_no_get_changes_anything(world):
    client = Client()
    client.force_login(world.a.admin)
    ids = ids_of(world.a, world)
    rows = [world.a.org, *world.a.org.memberships.all(), *world.a.rows.values()]
    for row in rows:
        row.refresh_from_db()
    before = serializers.serialize("json", rows)
    for route in all_routes():
        if not route.route.startswith("admin/") and not route.name.endswith("logout"):
            client.get(example_path(route, ids))
    for row in rows:
        row.refresh_from_db()
    assert serializers.serialize("json", rows) == before
