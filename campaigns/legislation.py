"""What the legislation tracker and the initiative pages show, shared through the cache.

An initiative's page (its fields, topics, reporting organizations, status history and agenda
items) is the same for everyone allowed to see it, and the unfiltered tracker's first page is
the same on every visit of one organization (or of staff). Both are kept in the cache labelled
with the legislation version (`coalition.fragments`), which every save or delete of anything
they show replaces, so a change shows on the next request; the tracker's empty filter form is
labelled with the topics' version. Who may see an initiative is still decided on every request.
"""

from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from coalition import fragments
from members.models import Organization

from .models import AgendaItem, Initiative, InitiativeStatusChange, Report, StrategyCall, Topic

VERSION_KEY = "campaigns:legislation-version"
# The filter form only lists the topics: a report or an edit leaves it be.
TOPICS_VERSION_KEY = "campaigns:topics-version"
PAGE_SECONDS = 24 * 60 * 60  # at most; a change retires them at once
TRACKER_SECONDS = 10 * 60  # one entry per organization that looks: let them go sooner
TRACKER_FORM = ("campaigns:tracker-form", TOPICS_VERSION_KEY)  # value, version keys
# What the pages show, with Topic (organizations: the reporters' names).
SHOWN_MODELS = (Initiative, Report, InitiativeStatusChange, AgendaItem, StrategyCall, Organization)
SHOWN_LINKS = (Initiative.topics.through, AgendaItem.initiatives.through)


def content_changed(**kwargs) -> None:
    """Retire everything cached here but the filter form. Run by signals for every save or
    delete of what it shows; call it after a queryset update() of those models, which sends
    no signal."""
    fragments.changed(VERSION_KEY)


def topics_changed(**kwargs) -> None:
    fragments.changed(TOPICS_VERSION_KEY)
    content_changed()


def _links_changed(action: str, **kwargs) -> None:
    if action.startswith("post_"):
        content_changed()


def connect_signals() -> None:
    for model in SHOWN_MODELS:
        uid = f"legislation-{model._meta.label}"
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}-delete")
    post_save.connect(topics_changed, sender=Topic, dispatch_uid="legislation-topic-save")
    post_delete.connect(topics_changed, sender=Topic, dispatch_uid="legislation-topic-delete")
    for through in SHOWN_LINKS:
        m2m_changed.connect(
            _links_changed, sender=through, dispatch_uid=f"legislation-{through._meta.label}"
        )


def tracker_key(organization: Organization | None) -> tuple[str, str]:
    """The unfiltered tracker's first page as `organization` (None: staff) sees it."""
    viewer = "staff" if organization is None else organization.pk
    return (f"campaigns:tracker:{viewer}", VERSION_KEY)


def initiative_page(pk: int) -> dict | None:
    """What the page of initiative `pk` shows to anyone allowed to see it (`may_see`);
    None when there is no such initiative."""
    found = fragments.read({"page": (f"campaigns:initiative:{pk}", VERSION_KEY)})["page"]
    if found.value is not None:
        return found.value
    initiative = Initiative.objects.defer("search_vector").filter(pk=pk).first()
    if initiative is None:
        return None
    return found.store(_read_page(initiative), PAGE_SECONDS)


def _read_page(initiative: Initiative) -> dict:
    reports = initiative.reports.values(
        "organization_id", "created_at", "note", organization_name=F("organization__name")
    )
    agenda = [
        {
            "url": item.get_absolute_url(),
            "title": f"{item.call.title}: {item.topic}",
            "when": item.call.when_display(),
            "for_members": item.call.is_visible_to_members(),
        }
        for item in initiative.agenda_items.select_related("call")
    ]
    return {
        "initiative": initiative,
        "topics": list(initiative.topics.values_list("name", flat=True)),
        "reports": list(reports),
        "history": list(initiative.status_changes.all()),
        "agenda": agenda,
    }


def may_see(page: dict, organization: Organization | None) -> bool:
    """`InitiativeQuerySet.visible_to` for one page: verified, or reported by the
    organization; None (coalition staff) sees everything."""
    if organization is None or page["initiative"].is_verified:
        return True
    return any(r["organization_id"] == organization.pk for r in page["reports"])
