"""The language a person reads the portal in.

Visitors get the one their browser asks for (Django's LocaleMiddleware reads Accept-Language
and the language cookie). A signed-in person gets the one they chose, kept on the person so
their emails, reminders and calendar files go out in it too.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language


class PersonLanguageMiddleware:
    """After LocaleMiddleware and authentication: a signed-in person's own language wins."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and request.user.language != request.LANGUAGE_CODE:
            translation.activate(request.user.language)
            request.LANGUAGE_CODE = request.user.language
        return self.get_response(request)


def switch_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language: the language cookie and back to the page, a local path only."""
    response = django_set_language(request)
    if not response["Location"].startswith("/") or response["Location"].startswith("//"):
        response["Location"] = "/"  # Django also allows "foo"; we go back only to a path here
    return response


@csrf_protect
def remember_language(request: HttpRequest) -> HttpResponse:
    """A signed-in person's choice is kept on their account, so it is checked like any post."""
    response = switch_language(request)
    language = request.POST.get("language", "")
    if language in dict(settings.LANGUAGES):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


@csrf_exempt
@login_not_required
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The language switch in every page's menu.

    A visitor's choice is only a cookie on their own browser, so it needs no CSRF token: the
    pages visitors read then hold none and can be kept whole (members.caching). A forged post
    could only change which of the two languages a visitor reads until they switch back.
    """
    if request.user.is_authenticated:
        return remember_language(request)
    return switch_language(request)
