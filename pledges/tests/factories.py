import datetime

import factory
from django.utils import timezone

from members.tests.factories import OrganizationFactory
from pledges.models import Activity, PledgePause


class ActivityFactory(factory.django.DjangoModelFactory):
    organization = factory.SubFactory(OrganizationFactory)
    kind = Activity.Kind.STRATEGY_CALL
    occurred_on = factory.LazyFunction(timezone.localdate)
    summary = "Joined the monthly strategy call."

    class Meta:
        model = Activity


class PledgePauseFactory(factory.django.DjangoModelFactory):
    organization = factory.SubFactory(OrganizationFactory)
    month = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    reason = "Our only staff member is on leave."

    class Meta:
        model = PledgePause


def day(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)
