"""A new password ends the person's sessions on every other browser.

Django already refuses those sessions on their next request (the password hash in them no
longer matches); deleting the rows makes it so at once, and for a password reset too.
"""

from allauth.account.signals import password_changed, password_reset, password_set
from django.http import HttpRequest

from .models import Session, User


def sessions_end_others(*, user: User, request: HttpRequest) -> int:
    """Delete the person's sessions except the one this request runs in; how many ended."""
    others = Session.objects.filter(user=user).exclude(session_key=request.session.session_key)
    deleted, _ = others.delete()
    return deleted


def _password_replaced(sender, request: HttpRequest, user: User, **kwargs) -> None:
    sessions_end_others(user=user, request=request)


def connect_signals() -> None:
    for signal in (password_changed, password_set, password_reset):
        signal.connect(_password_replaced, dispatch_uid="passwords-end-other-sessions")
