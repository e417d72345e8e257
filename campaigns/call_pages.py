"""What the strategy-call pages read: a call with its agenda, and the list of calls.

Plain queries on every view (no cache): the agenda in one query of values, RSVP counts as
annotations, so the count does not grow with the agenda or the number of calls.
"""

import datetime

from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string

from members.models import Organization

from .models import AgendaItem, CallRSVP, Initiative, Practice, Report, StrategyCall

# What the call page shows of an agenda item and of the initiatives it links to.
AGENDA_FIELDS = ("pk", "topic", "presenter", "minutes_allotted", "notes")
CHIP_FIELDS = ("pk", "title", "bill_number", "level", "state", "jurisdiction", "status")


def call_with_agenda(pk: int) -> dict | None:
    """{"call", "agenda"} of any call, drafts included (the caller decides who may see it):
    the call annotated with `people_going` and `orgs_going`; the agenda items with every
    initiative they link to (`linked_initiatives`) and the accepted `linked_practices`."""
    going = Q(rsvps__attending=True)
    call = (
        StrategyCall.objects.filter(pk=pk)
        .annotate(
            people_going=Count("rsvps", filter=going),
            orgs_going=Count("rsvps__organization", filter=going, distinct=True),
        )
        .first()
    )
    if call is None:
        return None
    return {"call": call, "agenda": _agenda(call)}


def agenda_html(agenda: list[AgendaItem], organization: Organization | None) -> str:
    """The agenda as the organization may see it, rendered."""
    _hide_unverified(agenda, organization)
    return _render_agenda(agenda)


def _render_agenda(agenda: list[AgendaItem]) -> str:
    return render_to_string("campaigns/_call_agenda.html", {"agenda": agenda})


def _agenda(call: StrategyCall) -> list[AgendaItem]:
    """One query, a row per item, initiative and practice: the prefetches it replaces cost
    more than the page's own SQL."""
    rows = call.agenda_items.values(
        *AGENDA_FIELDS,
        *(f"initiatives__{name}" for name in CHIP_FIELDS),
        "initiatives__review_state",
        "practices__pk",
        "practices__title",
        "practices__status",
    ).order_by(  # as Initiative and Practice order themselves
        "position",
        "pk",
        "-initiatives__created_at",
        "-practices__decided_at",
        "-practices__created_at",
        "-practices__pk",
    )
    items: dict[int, AgendaItem] = {}
    initiatives_seen: set[tuple[int, int]] = set()
    practices_seen: set[tuple[int, int]] = set()
    for row in rows:  # first seen comes first: each model's own order
        item = items.get(row["pk"])
        if item is None:
            item = items[row["pk"]] = AgendaItem(**{name: row[name] for name in AGENDA_FIELDS})
            item.linked_initiatives, item.linked_practices = [], []
        initiative = (item.pk, row["initiatives__pk"])
        if initiative[1] is not None and initiative not in initiatives_seen:
            initiatives_seen.add(initiative)
            fields = {name: row[f"initiatives__{name}"] for name in CHIP_FIELDS}
            item.linked_initiatives.append(
                Initiative(**fields, review_state=row["initiatives__review_state"])
            )
        practice = (item.pk, row["practices__pk"])
        accepted = row["practices__status"] == Practice.Status.ACCEPTED
        if accepted and practice not in practices_seen:
            practices_seen.add(practice)
            item.linked_practices.append(Practice(pk=practice[1], title=row["practices__title"]))
    return list(items.values())


def _hide_unverified(agenda: list[AgendaItem], organization: Organization | None) -> None:
    """Drop the unverified initiatives the organization did not report, as
    Initiative.visible_to does; staff (`None`) see all."""
    unverified = {
        initiative.pk
        for item in agenda
        for initiative in item.linked_initiatives
        if not initiative.is_verified
    }
    if organization is None or not unverified:
        return
    ours = Report.objects.filter(organization=organization, initiative__in=unverified)
    hidden = unverified - set(ours.values_list("initiative", flat=True))
    for item in agenda:
        item.linked_initiatives = [i for i in item.linked_initiatives if i.pk not in hidden]


CALLS_PER_PAGE = 10
UPCOMING_SHOWN = 12


def call_list(page: str | None, now: datetime.datetime) -> dict:
    """{"body": the calls coming up and a page of past ones, rendered}."""
    calls = _with_counts(StrategyCall.objects.for_members())
    ctx = {
        "upcoming": list(calls.upcoming(now)[:UPCOMING_SHOWN]),
        "page_obj": Paginator(calls.past(now), CALLS_PER_PAGE).get_page(page),
    }
    return {"body": render_to_string("campaigns/_call_list_body.html", ctx)}


def _with_counts(calls):
    """Counted per call shown (subqueries the LIMIT applies to), not by joining every call's
    agenda items and answers before the page is cut."""
    going = CallRSVP.objects.filter(call=OuterRef("pk"), attending=True)
    return calls.annotate(
        agenda_count=_count(AgendaItem.objects.filter(call=OuterRef("pk"))),
        people_going=_count(going),
        orgs_going=_count(going, "organization"),
    )


def _count(rows: QuerySet, field: str = "pk") -> Coalesce:
    counted = rows.order_by().values("call").annotate(n=Count(field, distinct=True)).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
