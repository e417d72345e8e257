"""The one way views reach an organization's data.

Every view that shows an organization's private data starts from `membership_for`, so a
stranger's id leads to 404 and a member without the needed role gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from .models import Membership, Organization


def membership_for(request: HttpRequest, *, admin: bool = False) -> Membership:
    """The signed-in person's membership in an active partner organization.

    404 for anyone without one (pending applicants, removed people, withdrawn or
    suspended organizations); 403 when `admin` is asked and the person is a plain member.
    """
    try:
        membership = Membership.objects.select_related("organization", "user").get(
            user=request.user.pk,
            organization__status__in=[Organization.Status.ACTIVE, Organization.Status.PAUSED],
        )
    except Membership.DoesNotExist:
        raise Http404("You are not part of a partner organization") from None
    request.user.membership = membership  # the nav reads it; spare it a second query
    if admin and not membership.is_admin:
        raise PermissionDenied("Only your organization's admins can do this")
    return membership
