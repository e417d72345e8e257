"""The one way views reach an organization's data.

Every view that shows an organization's private data starts from `membership_for`, so a
stranger's id leads to 404 and a member without the needed role gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

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
        raise PermissionDenied("Only your organization's admins can do this")
    return membership
