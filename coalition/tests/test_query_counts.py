"""Public pages do not read the database for a visitor, at any size of the coalition: a first
visit (no cookie) is served the kept page; for a returning visitor the home page reads its
figures from the cache, one query, once the first visitor has built them."""

import pytest
from django.urls import reverse

from members.tests.factories import OrganizationFactory


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 20])
@pytest.mark.parametrize("name", ["home", "about", "partner"])
def test_it_keeps_public_page_queries_flat(client, name, count, django_assert_num_queries):
    OrganizationFactory.create_batch(count, listed_in_directory=True)
    client.get(reverse(name))
    # A first visit is served the kept page: only the request's savepoint pair (its
    # transaction, inside the test's); in production a transaction that runs no query sends
    # nothing to the server.
    with django_assert_num_queries(2):
        client.get(reverse(name))


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 20])
def test_a_returning_visitor_reads_the_home_figures_in_one_query(
    client, count, django_assert_num_queries
):
    OrganizationFactory.create_batch(count, listed_in_directory=True)
    client.cookies["django_language"] = "en"
    client.get(reverse("home"))
    # The savepoint pair and the kept figures.
    with django_assert_num_queries(3):
        client.get(reverse("home"))


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 20])
def test_it_builds_the_home_page_figures_in_a_flat_number_of_queries(
    client, count, django_assert_num_queries
):
    OrganizationFactory.create_batch(count, listed_in_directory=True)
    # Savepoints, the cache's miss and its write, and one query per panel (five).
    with django_assert_num_queries(14):
        client.get(reverse("home"))
