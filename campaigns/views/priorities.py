"""The coalition's legislative priorities in public: verified initiatives it took a
position on, public fields only, and their Atom feed."""

import django_filters
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from members.caching import cached, for_first_visits
from members.models import State

from ..models import Initiative, Topic

PAGE_SIZE = 50
PRIORITIES_SECONDS = 60
# Only these reach the public page and the feed: never summaries, notes, priority or reporters.
PUBLIC_FIELDS = [
    "pk",
    "title",
    "level",
    "state",
    "jurisdiction",
    "bill_number",
    "status",
    "position",
    "source_url",
    "updated_at",
]


def priorities() -> QuerySet:
    return (
        Initiative.objects.filter(review_state=Initiative.ReviewState.VERIFIED)
        .exclude(position__in=["", Initiative.Position.NONE])
        .with_report_count()
        .only(*PUBLIC_FIELDS)
        .order_by("-updated_at", "-pk")
    )


class PriorityFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=State.choices, empty_label=_("Any state")
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        field_name="topics",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label=_("Any topic"),
    )

    class Meta:
        model = Initiative
        fields = ["state", "topic"]


@login_not_required
@require_GET
@for_first_visits
def priority_list(request: HttpRequest) -> HttpResponse:
    def build() -> str:
        filterset = PriorityFilter(request.GET or None, queryset=priorities())
        page_obj = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        ctx = {"filter": filterset, "page_obj": page_obj, "query_string": query.urlencode()}
        return render_to_string("campaigns/_priorities_body.html", ctx, request=request)

    # The unfiltered first page is the same for every visitor (members.caching).
    unfiltered = not request.GET
    body = cached("campaigns:priorities", [], build, PRIORITIES_SECONDS) if unfiltered else build()
    return render(request, "campaigns/priorities.html", {"body": body})


class PriorityFeed(Feed):
    feed_type = Atom1Feed

    def title(self) -> str:
        return gettext("%(site_name)s: legislative priorities") % {"site_name": settings.SITE_NAME}

    def subtitle(self) -> str:
        return gettext("Bills and ordinances the coalition verified and took a position on.")

    def link(self) -> str:
        return reverse("campaigns:priority_list")

    def items(self) -> QuerySet:
        return priorities()[:PAGE_SIZE]

    def item_title(self, item: Initiative) -> str:
        return f"{item.get_position_display()}: {item.title}"

    def item_description(self, item: Initiative) -> str:
        parts = [item.place()]
        if item.bill_number:
            parts.append(item.bill_number)
        parts += [
            gettext("Status: %(status)s") % {"status": item.get_status_display()},
            ngettext(
                "Reported by %(count)s partner", "Reported by %(count)s partners", item.report_count
            )
            % {"count": item.report_count},
        ]
        return ". ".join(parts) + "."

    def item_link(self, item: Initiative) -> str:
        return f"{reverse('campaigns:priority_list')}#initiative-{item.pk}"

    def item_updateddate(self, item: Initiative):
        return item.updated_at

    def item_pubdate(self, item: Initiative):
        return item.updated_at


priority_feed = login_not_required(PriorityFeed())
