import redis
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from campaigns import public as campaigns_public
from members import public as members_public
from members.caching import cached, for_first_visits

# The home page's figures may lag the database by this much; visitors then cost no query.
HOME_SECONDS = 5 * 60


def public_face() -> dict:
    """What the coalition is doing, as plain values: partners, map, next call, legislation,
    practices."""
    now = timezone.now()
    figures = members_public.partner_figures()
    return {
        **figures,
        # Fifty-six tiles: drawn once with the figures rather than on every visit.
        "map_html": render_to_string("members/_state_map.html", {"tiles": figures["tiles"]}),
        "next_call": campaigns_public.next_call(now),
        "initiatives": campaigns_public.latest_verified_initiatives(),
        "practices": campaigns_public.latest_public_practices(),
    }


@login_not_required
@for_first_visits
def home(request: HttpRequest) -> HttpResponse:
    face = cached("home:face", [], public_face, HOME_SECONDS)
    return render(request, "coalition/home.html", face)


@login_not_required
@for_first_visits
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "coalition/about.html")


@login_not_required
@for_first_visits
def partner(request: HttpRequest) -> HttpResponse:
    return render(request, "coalition/partner.html")


@login_not_required
def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "coalition/contact.html", {"contact_email": settings.CONTACT_EMAIL})


@login_not_required
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "coalition/privacy.html", {"contact_email": settings.CONTACT_EMAIL})


@login_not_required
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request, "coalition/accessibility.html", {"contact_email": settings.CONTACT_EMAIL}
    )


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "unavailable"
    return "ok"


def _broker_state() -> str:
    url = settings.CELERY_BROKER_URL
    if not url.startswith(("redis://", "rediss://")):
        return "not used"
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
    except redis.RedisError:
        return "unavailable"
    return "ok"


@login_not_required
@never_cache
@require_GET
# Outside the request transaction: with the database down, opening one would fail before
# the view could answer 503.
@transaction.non_atomic_requests
def healthz(request: HttpRequest) -> JsonResponse:
    """The database decides the status code; a broker outage is reported, not fatal."""
    state = {"database": _database_state(), "broker": _broker_state()}
    return JsonResponse(state, status=200 if state["database"] == "ok" else 503)
