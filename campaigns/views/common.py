"""Who is looking, where a form sends them back, and the lists' filter forms: shared by the
campaigns pages."""

import django_filters
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme

from members.access import membership_for
from members.caching import cached
from members.models import Membership, Organization

from ..models import Topic

FILTER_FORM_SECONDS = 60 * 60


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


def empty_filter_form(
    request: HttpRequest,
    filterset_class: type[django_filters.FilterSet],
    heading: str,
    submit_label: str,
) -> str:
    """A list's filter form before any filter is chosen: the same for every reader of a
    language, so drawn once and kept (members.caching), under a key made of the topics it
    offers. Its 57 states and other choices took half the list's time."""

    def build() -> str:
        ctx = {"filter": filterset_class(), "heading": heading, "submit_label": submit_label}
        return render_to_string("campaigns/_filter_form.html", ctx, request=request)

    topics = Topic.objects.order_by("position", "name").values_list("pk", "slug", "name")
    name = f"campaigns:filter-form:{filterset_class.__name__}"
    return cached(name, topics, build, FILTER_FORM_SECONDS)
