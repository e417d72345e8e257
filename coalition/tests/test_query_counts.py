"""Public pages do not read the database for a visitor, at any size of the coalition."""

import pytest
from django.urls import reverse

from members.tests.factories import OrganizationFactory


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 20])
@pytest.mark.parametrize("name", ["home", "about", "partner"])
def test_it_keeps_public_page_queries_flat(client, name, count, django_assert_num_queries):
    OrganizationFactory.create_batch(count, listed_in_directory=True)
    # Only the request's savepoint pair (its transaction, inside the test's): in production
    # a transaction that runs no query sends nothing to the server.
    with django_assert_num_queries(2):
        client.get(reverse(name))
