import factory
from django.utils import timezone

from members.tests.factories import OrganizationFactory, UserFactory

from ..models import Initiative, Report, Topic


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
