"""The one way views reach an organization's data.

Every view that shows an organization's private data starts from `membership_for`, so a
stranger's id leads to 404 and a member without the needed role gets 403.
"""

import functools
from collections.abc import Callable

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .models import Membership, Organization

USER_MEMBERSHIP = Membership.user.field.remote_field  # user.membership, None when absent
LIVE = {Organization.Status.ACTIVE, Organization.Status.PAUSED}


def membership_for(request: HttpRequest, *, admin: bool = False) -> Membership:
    """The signed-in person's membership in an active partner organization.

    404 for anyone without one (pending applicants, removed people, withdrawn or
    suspended organizations); 403 when `admin` is asked and the person is a plain member.
    """
    user = request.user
    if user.is_authenticated and USER_MEMBERSHIP.is_cached(user):
        membership = USER_MEMBERSHIP.get_cached_value(user)  # read with the user (backends.py)
    else:
        membership = Membership.objects.select_related("organization").filter(user=user.pk).first()
        if user.is_authenticated:
            USER_MEMBERSHIP.set_cached_value(user, membership)  # the nav reads it too
    if membership is None or membership.organization.status not in LIVE:
        raise Http404("You are not part of a partner organization")
    membership.user = user
    if admin and not membership.is_admin:
        raise PermissionDenied(_("Only your organization's admins can do this"))
    return membership


def staff_needs_mfa(user) -> bool:
    """Staff hold everyone's contact details: with STAFF_REQUIRE_MFA, no staff page or export
    opens for them before an authenticator app is set up."""
    return (
        settings.STAFF_REQUIRE_MFA
        and user.is_authenticated
        and user.is_staff
        and not is_mfa_enabled(user, [Authenticator.Type.TOTP])
    )


def redirect_to_mfa_setup(request: HttpRequest) -> HttpResponse:
    messages.info(request, _("Please set up an authenticator app before opening the staff pages."))
    return redirect("mfa_activate_totp")


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view as coalition staff's: 403 for anyone else, two-factor set-up first if due."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_staff:
            raise PermissionDenied(_("Only coalition staff can see this page"))
        if staff_needs_mfa(request.user):
            return redirect_to_mfa_setup(request)
        return view(request, *args, **kwargs)

    return wrapped
