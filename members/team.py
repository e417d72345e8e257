"""An organization's people and open invitations, as its team page lists them.

Shared through the cache (`coalition.fragments`) and labelled with a version that every save
or delete of one of its memberships or invitations, or of one of its people, replaces in the
same transaction, so the page never shows a team as it was.
"""

from django.db.models.signals import post_delete, post_save

from coalition import fragments

from .models import Invitation, Membership, Organization, User

TEAM_SECONDS = 24 * 60 * 60


def version_key(organization_id: int) -> str:
    return f"members:team-version:{organization_id}"


def team_changed(organization_id: int) -> None:
    """Retire the organization's team. Signals call it; call it after a queryset update()
    of its memberships or invitations, which sends none."""
    fragments.changed(version_key(organization_id))


def _membership_or_invitation_changed(sender, instance, **kwargs) -> None:
    team_changed(instance.organization_id)


def _person_changed(sender, instance, update_fields=None, **kwargs) -> None:
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # signing in changes nothing the team page shows
    memberships = Membership.objects.filter(user=instance.pk)
    for organization_id in memberships.values_list("organization_id", flat=True):
        team_changed(organization_id)


def connect_signals() -> None:
    for model in (Membership, Invitation):
        for signal in (post_save, post_delete):
            signal.connect(
                _membership_or_invitation_changed, sender=model, dispatch_uid=f"team-{model}"
            )
    post_save.connect(_person_changed, sender=User, dispatch_uid="team-person")


def team(organization: Organization) -> dict:
    """{"people": memberships with their person, by email; "invitations": the open ones}."""
    # The value key names the shape of what is stored (see campaigns.dashboard.PANELS).
    pair = (f"members:team:1:{organization.pk}", version_key(organization.pk))
    found = fragments.read({"team": pair})["team"]
    if found.value is not None:
        return found.value
    people = organization.memberships.select_related("user").order_by("user__email")
    invitations = organization.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)
    return found.store({"people": list(people), "invitations": list(invitations)}, TEAM_SECONDS)
