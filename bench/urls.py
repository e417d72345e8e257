"""The site's URLs plus the two baselines every page is measured against."""

from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import include, path


@login_not_required
@transaction.non_atomic_requests
def hello(request: HttpRequest) -> HttpResponse:
    """The floor of a public page: the middleware, no session, no query."""
    return HttpResponse("hello")


def signed_in_hello(request: HttpRequest) -> HttpResponse:
    """The floor of a member page: like any of them, behind the login middleware, in the
    request's transaction, reading the session and the person signed in."""
    return HttpResponse("hello, signed in")


urlpatterns = [
    path("bench/hello", hello),
    path("bench/signed-in-hello", signed_in_hello),
    path("", include("coalition.urls")),
]
