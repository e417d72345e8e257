"""Who is looking, and where a form sends them back: shared by the campaigns pages."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

from members.access import membership_for
from members.models import Membership, Organization


def viewer(request: HttpRequest) -> Membership | None:
    """Partner members see calls; staff may look too, with or without an organization."""
    if request.user.is_staff:
        try:
            return membership_for(request)
        except Http404:
            return None
    return membership_for(request)


def redirect_back(request: HttpRequest, fallback: str) -> HttpResponse:
    """Back to the page the form was on: a path on this site, never another host."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(fallback)


def viewer_org(request: HttpRequest) -> Organization | None:
    """The organization whose view of the tracker this is; None for coalition staff."""
    if request.user.is_staff:
        return None
    return membership_for(request).organization
