"""Every URL pattern of the portal, classified by who may open it.

A new URL fails `test_route_census` until it is added to ROUTES (or matches a prefix rule).
"""

import re
from dataclasses import dataclass

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC, ACCOUNT, MEMBER, ORG_ADMIN, STAFF, TOKEN = (
    "public",
    "account",  # any signed-in person, with or without an organization
    "member",  # a person in an active partner organization
    "org-admin",
    "staff",
    "token",  # public, but only a valid secret in the URL opens anything
)

ROUTES = {
    "home": PUBLIC,
    "about": PUBLIC,
    "partner": PUBLIC,
    "contact": PUBLIC,
    "privacy": PUBLIC,
    "accessibility": PUBLIC,
    "healthz": PUBLIC,
    "set_language": PUBLIC,
    "dashboard": MEMBER,
    "pledges:activity_list": MEMBER,
    "pledges:activity_new": MEMBER,
    "pledges:activity_edit": MEMBER,
    "pledges:activity_delete": MEMBER,
    "pledges:pause_request": ORG_ADMIN,
    "pledges:staff": STAFF,
    "pledges:staff_export": STAFF,
    "pledges:email_preferences": ACCOUNT,
    "pledges:unsubscribe": TOKEN,
    "members:apply": ACCOUNT,
    "members:apply_referred": PUBLIC,
    "members:apply_status": ACCOUNT,
    "members:apply_withdraw": ACCOUNT,
    "members:org_profile": MEMBER,
    "members:org_profile_edit": ORG_ADMIN,
    "members:org_team": MEMBER,
    "members:team_role": ORG_ADMIN,
    "members:team_reminders": ORG_ADMIN,
    "members:team_remove": ORG_ADMIN,
    "members:invitation_resend": ORG_ADMIN,
    "members:invitation_revoke": ORG_ADMIN,
    "members:invitation": TOKEN,
    "members:directory": PUBLIC,
    "members:account": ACCOUNT,
    "members:account_name": ACCOUNT,
    "members:account_data": ACCOUNT,
    "members:account_delete": ACCOUNT,
    "campaigns:call_list": MEMBER,
    "campaigns:calendar_feed": TOKEN,
    "campaigns:feed_settings": MEMBER,
    "campaigns:call_detail": MEMBER,
    "campaigns:call_calendar": MEMBER,
    "campaigns:call_rsvp": MEMBER,
    "campaigns:days_of_action": MEMBER,
    "campaigns:day_took_part": MEMBER,
    "campaigns:initiative_list": MEMBER,
    "campaigns:initiative_new": MEMBER,
    "campaigns:initiative_statuses": MEMBER,
    "campaigns:initiative_export": STAFF,
    "campaigns:initiative_detail": MEMBER,
    "campaigns:practice_list": MEMBER,
    "campaigns:practice_new": MEMBER,
    "campaigns:practice_mine": MEMBER,
    "campaigns:practice_detail": MEMBER,
    "campaigns:practice_edit": MEMBER,
    "campaigns:practice_tried": MEMBER,
    "campaigns:org_record": ORG_ADMIN,
    "campaigns:org_record_staff": STAFF,
    "campaigns:priority_list": PUBLIC,
    "campaigns:priority_feed": PUBLIC,
    "campaigns:update_detail": MEMBER,
    "campaigns:update_shared": MEMBER,
}

# allauth's own pages: signing in, signing up and recovering need no session.
ALLAUTH_PUBLIC = {
    "account_login",
    "account_logout",
    "account_inactive",
    "account_signup",
    "account_email_verification_sent",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key_done",
    "account_confirm_login_code",
    "mfa_authenticate",
}
ALLAUTH_TOKEN = {"account_confirm_email", "account_reset_password_from_key"}


@dataclass
class Route:
    route: str  # the pattern as text, prefixes joined
    name: str
    callback: object
    kind: str | None

    @property
    def has_args(self) -> bool:
        return "<" in self.route or "(" in self.route


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}{p.name}" if p.name else f"{namespace}<unnamed>"
            yield prefix + str(p.pattern), name, p.callback


def classify(route: str, name: str) -> str | None:
    if route.startswith("admin/"):
        return PUBLIC if name == "admin:login" else STAFF
    if route.startswith("accounts/"):
        if name in ALLAUTH_TOKEN:
            return TOKEN
        return PUBLIC if name in ALLAUTH_PUBLIC else ACCOUNT
    return ROUTES.get(name)


def all_routes() -> list[Route]:
    return [
        Route(route, name, callback, classify(route, name))
        for route, name, callback in _walk(get_resolver().url_patterns)
    ]


def _admin_model(name: str):
    """`admin:members_user_change` -> the User model (None if not a model URL)."""
    match = re.match(r"admin:(\w+?)_(\w+?)_(change|delete|history)$", name)
    if not match:
        return None
    for model in apps.get_models():
        if (model._meta.app_label, model._meta.model_name) == match.groups()[:2]:
            return model
    return None


def example_path(
    route: Route,
    ids: dict[str, int],
    *,
    bad_token: str = "not-a-token",  # noqa: S107
    every_arg: str | None = None,
) -> str:
    """A concrete path for the pattern, its ids taken from `ids` (by URL name) or real rows;
    with `every_arg`, that text in every place the pattern takes a value."""
    path = route.route
    if every_arg is not None:
        value = bad_token = every_arg
    elif route.name in ids:
        value = str(ids[route.name])
    elif (model := _admin_model(route.name)) is not None:
        row = model._default_manager.order_by("pk").first()
        value = str(row.pk if row else 1)
    else:
        value = "1"
    path = re.sub(r"<str:token>", bad_token, path)
    path = re.sub(r"<(int|path|str|slug):\w+>", value, path)
    # The few regex patterns (allauth keys, admin history, images): give them plausible text.
    replacements = [
        (r"\(\?P<key>[^)]*\)", "bad-key"),
        (r"\(\?P<uidb36>[^)]*\)", "zz"),
        (r"\(\?P<pk>[^)]*\)", value),
        (r"\(\?P<content_id>[^)]*\)", "0" * 32),
        (r"\(\?P<app_label>[^)]*\)", "members"),
        (r"\(\?P<url>[^)]*\)", "no-such-page/"),
        (r"\(\[\^/\]\+\)", value),
    ]
    for pattern, text in replacements:
        path = re.sub(pattern, text if every_arg is None else every_arg, path)
    path = path.replace("^", "").replace("$", "").replace("\\", "")
    return "/" + path
