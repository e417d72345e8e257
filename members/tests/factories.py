import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from members.models import (
    Membership,
    Organization,
    OrganizationType,
    PartnershipApplication,
    User,
)


class UserFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name")
    password = factory.django.Password("a-long-demo-password")

    class Meta:
        model = User
        skip_postgeneration_save = True

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Users sign in only with a verified address, so factories make one by default."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, primary=True, verified=True)


class OrganizationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Partner Organization {n}")
    slug = factory.Sequence(lambda n: f"partner-organization-{n}")
    type = OrganizationType.ADVOCACY
    description = "Peer support and advocacy in our city."
    city = "Springfield"
    state = "IL"
    network_size = 250
    status = Organization.Status.ACTIVE
    joined_on = factory.LazyFunction(lambda: timezone.localdate().replace(day=1, month=1))
    listed_in_directory = True

    class Meta:
        model = Organization


class MembershipFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Membership.Role.MEMBER

    class Meta:
        model = Membership


class ApplicationFactory(factory.django.DjangoModelFactory):
    applicant = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Applicant Organization {n}")
    type = OrganizationType.PEER_RUN
    description = "A peer-run warmline."
    city = "Denver"
    state = "CO"
    network_size = 120
    reason = "We want to stand with others on crisis care."
    pledge_build_capacity = True
    pledge_engage = True
    pledge_advocate = True
    pledge_advise = True

    class Meta:
        model = PartnershipApplication
