"""What an initiative's page shows, read with plain queries on every view (no cache).

Its fields, topics, reporting organizations, status history and agenda items; who may see it
is decided by `may_see`.
"""

from django.db.models import F

from members.models import Organization

from .models import Initiative


def initiative_page(pk: int) -> dict | None:
    """What the page of initiative `pk` shows to anyone allowed to see it (`may_see`);
    None when there is no such initiative."""
    initiative = Initiative.objects.defer("search_vector").filter(pk=pk).first()
    if initiative is None:
        return None
    return _read_page(initiative)


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
