"""Best practices: the list, a practice's page, partners' drafts and “we tried this”."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from members.access import membership_for
from members.models import Membership

from ..filters import PracticeFilter
from ..forms import PracticeForm, TriedForm
from ..models import AgendaItem, Practice, PracticeTried, StrategyCall
from ..services import PracticeError, practice_count_view, practice_save, practice_tried
from .common import empty_filter_form, viewer_org

PRACTICES_PER_PAGE = 20
RELATED_PRACTICES = 5


def _query_string(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_GET
def practice_list(request: HttpRequest) -> HttpResponse:
    org = viewer_org(request)
    # Counted per row of the page (a subquery the LIMIT applies to), not by grouping every
    # accepted practice before the page is cut.
    tried = (
        PracticeTried.objects.filter(practice=OuterRef("pk"))
        .values("practice")
        .annotate(count=Count("pk"))
        .values("count")
    )
    practices = (
        Practice.objects.accepted()
        .select_related("organization")
        .prefetch_related("topics")
        .annotate(tried_count=Coalesce(Subquery(tried), 0))
        .order_by("-decided_at", "-pk")
    )
    filterset = PracticeFilter(request.GET or None, queryset=practices)
    page = Paginator(filterset.qs, PRACTICES_PER_PAGE).get_page(request.GET.get("page"))
    query_string = _query_string(request)
    ctx = {
        "filter": filterset,
        "page_obj": page,
        "practices": page.object_list,
        "query_string": query_string,
        "is_staff_view": org is None,
        "filter_form": None
        if query_string
        else empty_filter_form(
            request, PracticeFilter, gettext("Find practices"), gettext("Show practices")
        ),
    }
    return render(request, "campaigns/practice_list.html", ctx)


@require_GET
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = viewer_org(request)
    practice = get_object_or_404(
        Practice.objects.visible_to(org).select_related("organization").prefetch_related("topics"),
        pk=pk,
    )
    ours = org is not None and practice.organization_id == org.pk
    if practice.is_accepted and org is not None and not ours:
        practice_count_view(practice=practice)
    tried = list(practice.tried.select_related("organization"))
    related = (
        Practice.objects.accepted()
        .filter(topics__in=practice.topics.all())
        .exclude(pk=practice.pk)
        .select_related("organization")
        .distinct()
        .order_by("-decided_at", "-pk")[:RELATED_PRACTICES]
    )
    ctx = {
        "practice": practice,
        "ours": ours,
        "tried": tried,
        "our_tried": next((t for t in tried if org and t.organization_id == org.pk), None),
        # The organization that shared it sees who tried it; everyone else, how many.
        "show_who_tried": ours or org is None,
        "can_mark_tried": practice.is_accepted and org is not None and not ours,
        "tried_form": TriedForm(),
        "related": related,
        "agenda_items": AgendaItem.objects.filter(
            practices=practice, call__in=StrategyCall.objects.for_members()
        ).select_related("call"),
    }
    return render(request, "campaigns/practice_detail.html", ctx)


@require_POST
def practice_tried_mark(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_for(request)
    practice = get_object_or_404(
        Practice.objects.accepted().exclude(organization=membership.organization), pk=pk
    )
    form = TriedForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["note"][0])
    else:
        _, created = practice_tried(
            practice=practice, membership=membership, note=form.cleaned_data["note"]
        )
        messages.success(
            request,
            gettext("Thank you for telling us. The organization that shared it will see it helped.")
            if created
            else gettext("%(organization)s has already said it tried this.")
            % {"organization": membership.organization},
        )
    return redirect(practice.get_absolute_url() + "#tried")


def _practice_form_page(
    request: HttpRequest, membership: Membership, practice: Practice | None
) -> HttpResponse:
    submit = "submit" in request.POST
    form = PracticeForm(request.POST or None, instance=practice, submit=submit)
    if request.method == "POST" and form.is_valid():
        try:
            saved = practice_save(
                membership=membership, data=form.cleaned_data, practice=practice, submit=submit
            )
        except PracticeError as error:
            messages.error(request, str(error))
            return redirect(practice or "campaigns:practice_mine")
        if submit:
            messages.success(
                request,
                gettext("Thank you for sharing this. Coalition staff will read it and email you."),
            )
            return redirect(saved)
        messages.success(request, gettext("Your draft is saved. You can finish it any time."))
        return redirect("campaigns:practice_edit", saved.pk)
    return render(request, "campaigns/practice_form.html", {"form": form, "practice": practice})


def practice_new(request: HttpRequest) -> HttpResponse:
    return _practice_form_page(request, membership_for(request), None)


def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_for(request)
    practice = get_object_or_404(
        Practice.objects.filter(organization=membership.organization), pk=pk
    )
    if not practice.is_editable:
        messages.info(
            request, gettext("This practice is with coalition staff, so it cannot be changed now.")
        )
        return redirect(practice)
    return _practice_form_page(request, membership, practice)


@require_GET
def practice_mine(request: HttpRequest) -> HttpResponse:
    membership = membership_for(request)
    practices = Practice.objects.filter(organization=membership.organization).order_by(
        "-updated_at", "-pk"
    )
    page = Paginator(practices, PRACTICES_PER_PAGE).get_page(request.GET.get("page"))
    ctx = {"page_obj": page, "practices": page.object_list, "organization": membership.organization}
    return render(request, "campaigns/practice_mine.html", ctx)
