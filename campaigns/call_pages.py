"""What the strategy-call pages show every partner alike, read once and shared.

Each call with its agenda (and the initiatives and practices it links to) and how many people
plan to come, and the list of calls, are the same for every partner, so they are kept in the
cache (`coalition.fragments`) labelled with a version that every save or delete of a call, an
agenda item or link, an RSVP, an initiative or a practice replaces. Read on every view: the
viewer's own answer, which unverified initiatives the viewer's organization reported, and
whether RSVPs are still open.
"""

import datetime

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.template.loader import render_to_string

from coalition import fragments
from members.models import Organization

from .models import AgendaItem, CallRSVP, Initiative, Practice, Report, StrategyCall

VERSION = "campaigns:calls-version"
SHARED_SECONDS = 60 * 60  # at most; a change retires them at once
SHOWN_MODELS = (StrategyCall, AgendaItem, CallRSVP, Initiative, Practice)
LINKS = (AgendaItem.initiatives.through, AgendaItem.practices.through)

# What the call page shows of an agenda item and of the initiatives it links to.
AGENDA_FIELDS = ("pk", "topic", "presenter", "minutes_allotted", "notes")
CHIP_FIELDS = ("pk", "title", "bill_number", "level", "state", "jurisdiction", "status")


def content_changed(**kwargs) -> None:
    """Retire what the call pages share. Run by signals for every save or delete of what they
    show; call it after a queryset update() of those models, which sends no signal."""
    fragments.changed(VERSION)


def _links_changed(action: str, **kwargs) -> None:
    if action.startswith("post_"):
        content_changed()


def connect_signals() -> None:
    for model in SHOWN_MODELS:
        post_save.connect(content_changed, sender=model, dispatch_uid=f"calls-save-{model}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"calls-del-{model}")
    for through in LINKS:
        m2m_changed.connect(_links_changed, sender=through, dispatch_uid=f"calls-m2m-{through}")


def shared_call(pk: int) -> dict | None:
    """{"call", "agenda", "agenda_html"} of any call, drafts included (the caller decides who
    may see it): the call annotated with `people_going` and `orgs_going`; the agenda items
    with every initiative they link to (`linked_initiatives`) and the accepted
    `linked_practices`; the agenda rendered, or None when it differs by organization."""
    found = fragments.read({"call": (f"campaigns:call:{pk}", VERSION)})["call"]
    if found.value is not None:
        return found.value
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
    agenda = _agenda(call)
    unverified = any(not i.is_verified for item in agenda for i in item.linked_initiatives)
    shared = {
        "call": call,
        "agenda": agenda,
        # Rendered once when every partner sees the same agenda.
        "agenda_html": None if unverified else _render_agenda(agenda),
    }
    return found.store(shared, SHARED_SECONDS)


def agenda_html(shared: dict, organization: Organization | None) -> str:
    """The agenda of a `shared_call` as the organization may see it, rendered."""
    if shared["agenda_html"] is not None:
        return shared["agenda_html"]
    _hide_unverified(shared["agenda"], organization)
    return _render_agenda(shared["agenda"])


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


LIST = ("campaigns:call-list", VERSION)  # value, version keys
CALLS_PER_PAGE = 10
UPCOMING_SHOWN = 12


def call_list(found: fragments.Found, page: str | None, now: datetime.datetime) -> dict:
    """{"body": the calls coming up and a page of past ones}, rendered. The first page is
    shared until a change, or until the first call coming up turns into a past one."""
    first_page = page in (None, "", "1")
    if first_page and found.value is not None and now < found.value["valid_until"]:
        return found.value
    calls = _with_counts(StrategyCall.objects.for_members())
    upcoming = list(calls.upcoming(now)[:UPCOMING_SHOWN])
    ctx = {
        "upcoming": upcoming,
        "page_obj": Paginator(calls.past(now), CALLS_PER_PAGE).get_page(page),
    }
    # StrategyCall...upcoming() keeps a call for two hours after it starts.
    turns_past = [call.starts_at + datetime.timedelta(hours=2) for call in upcoming]
    shared = {
        "body": render_to_string("campaigns/_call_list_body.html", ctx),
        "valid_until": min(turns_past, default=now + datetime.timedelta(seconds=SHARED_SECONDS)),
    }
    return found.store(shared, SHARED_SECONDS) if first_page else shared


def _with_counts(calls):
    going = Q(rsvps__attending=True)
    return calls.annotate(
        agenda_count=Count("agenda_items", distinct=True),
        people_going=Count("rsvps", filter=going, distinct=True),
        orgs_going=Count("rsvps__organization", filter=going, distinct=True),
    )
