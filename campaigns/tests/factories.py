import datetime

import factory
from django.utils import timezone

from campaigns.models import AgendaItem, CallRSVP, DayOfAction, StrategyCall, coalition_zone
from members.tests.factories import MembershipFactory, OrganizationFactory, UserFactory

from ..models import CoalitionUpdate, Initiative, Practice, Report, Topic, UpdateShare


def local(*args) -> datetime.datetime:
    """A moment on the coalition's clock: local(2026, 12, 8, 14) is 2 PM Eastern."""
    return datetime.datetime(*args, tzinfo=coalition_zone())


class StrategyCallFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Strategy call {n}")
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=7)).replace(
            minute=0, second=0, microsecond=0
        )
    )
    duration_minutes = 60
    join_url = "https://meet.example.org/coalition-call"
    dial_in = "+1 555 010 0100, code 4242"
    captions = True
    status = StrategyCall.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = StrategyCall

    class Params:
        draft = factory.Trait(status=StrategyCall.Status.DRAFT, published_at=None)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    call = factory.SubFactory(StrategyCallFactory)
    position = factory.Sequence(lambda n: n)
    topic = factory.Sequence(lambda n: f"Agenda topic {n}")
    presenter = "Casey Coordinator"
    minutes_allotted = 10

    class Meta:
        model = AgendaItem


class CallRSVPFactory(factory.django.DjangoModelFactory):
    call = factory.SubFactory(StrategyCallFactory)
    user = factory.LazyAttribute(lambda o: MembershipFactory().user)
    organization = factory.LazyAttribute(lambda o: o.user.membership.organization)
    attending = True

    class Meta:
        model = CallRSVP


class DayOfActionFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Day of action {n}")
    date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=5))
    what_to_do = "Call your state legislators about crisis-line funding."
    link = "https://coalition.example/act"
    is_published = True

    class Meta:
        model = DayOfAction


class TopicFactory(factory.django.DjangoModelFactory):
    name = "Crisis services and 988"
    slug = "crisis-988"

    class Meta:
        model = Topic
        django_get_or_create = ("slug",)


class InitiativeFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Mobile crisis teams act {n}")
    level = Initiative.Level.STATE
    state = "MA"
    jurisdiction = "Massachusetts"
    bill_number = factory.Sequence(lambda n: f"H.B. {1000 + n}")
    status = Initiative.Status.INTRODUCED
    summary = "Funds mobile crisis teams answering 988 calls."
    review_state = Initiative.ReviewState.VERIFIED

    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    @factory.post_generation
    def reindexed(obj, create, extracted, **kwargs):
        if create:
            Initiative.objects.filter(pk=obj.pk).reindex()


class ReportFactory(factory.django.DjangoModelFactory):
    initiative = factory.SubFactory(InitiativeFactory)
    organization = factory.SubFactory(OrganizationFactory)
    # An unusable password: hashing a real one per report makes the suite slow.
    reported_by = factory.SubFactory(UserFactory, password="!", verified=False)
    created_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Report


# Best practices and coalition updates


class PracticeFactory(factory.django.DjangoModelFactory):
    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Peer warmline pilot {n}")
    problem = "People in crisis waited days for someone to talk to."
    what_was_done = "Trained peers staffed an evening warmline with a clinician on call."
    level = Initiative.Level.COUNTY
    state = "OH"
    jurisdiction = "Cuyahoga County"
    population = "Adults with serious mental illness"
    results = "Fewer emergency-room visits in the first six months."
    status = Practice.Status.ACCEPTED
    submitted_at = factory.LazyFunction(timezone.now)
    decided_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status in ("accepted", "declined") else None
    )

    class Meta:
        model = Practice
        skip_postgeneration_save = True

    @factory.post_generation
    def reindexed(obj, create, extracted, **kwargs):
        if create:
            Practice.objects.filter(pk=obj.pk).reindex()


class CoalitionUpdateFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Coalition update {n}")
    body = "The 988 funding bill passed the Senate. Thank your senators this week."
    link = "https://coalition.example/news/988"
    is_published = True
    published_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = CoalitionUpdate


class UpdateShareFactory(factory.django.DjangoModelFactory):
    update = factory.SubFactory(CoalitionUpdateFactory)
    organization = factory.SubFactory(OrganizationFactory)
    reach = 100

    class Meta:
        model = UpdateShare
