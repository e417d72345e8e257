"""Coalition updates: sharing one, and deleting one with the credit it gave."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Membership
from pledges.models import Activity
from pledges.services import activity_credit

from ..models import CoalitionUpdate, UpdateShare
from .common import credit_sources_delete


@transaction.atomic
def update_delete(*, update: CoalitionUpdate) -> None:
    credit_sources_delete(sources=update.shares.all())
    update.delete()


@transaction.atomic
def update_share(
    *, update: CoalitionUpdate, membership: Membership, reach: int | None
) -> tuple[UpdateShare, bool]:
    """Record that the organization passed the update on; credits its pledge once per update.

    Saying so again only fills in a reach that was left empty the first time.
    """
    share, created = UpdateShare.objects.get_or_create(
        update=update,
        organization=membership.organization,
        defaults={"shared_by": membership.user, "reach": reach},
    )
    if not created and reach is not None and share.reach is None:
        share.reach = reach
        share.save(update_fields=["reach"])
    activity_credit(
        organization=membership.organization,
        on=timezone.localdate(share.created_at),
        kind=Activity.Kind.SHARING_INFO,
        source=share,
        summary=(
            _("Shared the coalition update “%(title)s” with our network.") % {"title": update.title}
        )[:500],
        link=settings.SITE_ROOT + update.get_absolute_url(),
    )
    return share, created
