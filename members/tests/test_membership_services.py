import threading

import pytest
from django.db import connection

from members import services
from members.models import Membership

from .factories import MembershipFactory, OrganizationFactory


@pytest.mark.django_db
def test_it_refuses_to_demote_the_last_admin(admin_a):
    with pytest.raises(services.LastAdminError):
        services.membership_change_role(membership=admin_a.membership, role="member")


@pytest.mark.django_db
def test_it_refuses_to_remove_the_last_admin(admin_a, member_a):
    with pytest.raises(services.LastAdminError):
        services.membership_remove(membership=admin_a.membership)


@pytest.mark.django_db(transaction=True)
def test_two_admins_demoting_each_other_at_once_leave_one_admin():
    org = OrganizationFactory()
    first, second = MembershipFactory.create_batch(2, organization=org, role="admin")
    barrier, errors = threading.Barrier(2), []

    def demote(membership):
        barrier.wait()
        try:
            services.membership_change_role(membership=membership, role="member")
        except services.LastAdminError:
            errors.append(membership.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=demote, args=[m]) for m in (first, second)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert len(errors) == 1
    assert Membership.objects.filter(organization=org, role="admin").count() == 1
