import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# Every page's header and footer link to these; reversing them once per process (per URL
# prefix and urlconf) spares each page about fifteen `{% url %}` lookups.
NAV_URLS = {
    "home": "home",
    "about": "about",
    "partner": "partner",
    "directory": "members:directory",
    "dashboard": "dashboard",
    "activities": "pledges:activity_list",
    "calls": "campaigns:call_list",
    "legislation": "campaigns:initiative_list",
    "practices": "campaigns:practice_list",
    "organization": "members:org_profile",
    "apply_status": "members:apply_status",
    "apply": "members:apply",
    "staff": "pledges:staff",
    "admin": "admin:index",
    "account": "members:account",
    "email_settings": "pledges:email_preferences",
    "logout": "account_logout",
    "login": "account_login",
    "signup": "account_signup",
}


@functools.cache
def nav_urls(prefix: str, urlconf: str | None) -> dict[str, str]:
    return {name: reverse(view, urlconf=urlconf) for name, view in NAV_URLS.items()}


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "nav": nav_urls(get_script_prefix(), get_urlconf()),
    }
