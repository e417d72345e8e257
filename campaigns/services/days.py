"""Days of action: taking part, and deleting a day with the credit it gave."""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from members.models import Membership
from pledges.models import Activity
from pledges.services import activity_credit

from ..models import DayOfAction, DayOfActionParticipation
from .common import credit_sources_delete


@transaction.atomic
def day_of_action_took_part(
    *, day: DayOfAction, membership: Membership
) -> tuple[DayOfActionParticipation, bool]:
    """Record that the organization took part; credits its pledge once per day."""
    participation, created = DayOfActionParticipation.objects.get_or_create(
        day=day, organization=membership.organization, defaults={"recorded_by": membership.user}
    )
    activity_credit(
        organization=membership.organization,
        on=day.date,
        kind=Activity.Kind.DAY_OF_ACTION,
        source=participation,
        summary=_("Took part in the national day of action “%(title)s”.") % {"title": day.title},
        link=day.link or settings.SITE_ROOT + day.get_absolute_url(),
    )
    return participation, created


@transaction.atomic
def day_of_action_delete(*, day: DayOfAction) -> None:
    credit_sources_delete(sources=day.participations.all())
    day.delete()
