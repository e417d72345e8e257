"""Pinned query counts for the initiative page: the same with few and many reports."""

import pytest
from django.urls import reverse

from campaigns.tests.factories import AgendaItemFactory, InitiativeFactory, ReportFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 12])
def test_it_keeps_the_initiative_page_queries_flat(
    client, member_a, count, django_assert_num_queries
):
    initiative = InitiativeFactory()
    ReportFactory.create_batch(count, initiative=initiative)
    InitiativeFactory.create_batch(count)
    for item in AgendaItemFactory.create_batch(count):
        item.initiatives.add(initiative)
    client.force_login(member_a)
    url = reverse("campaigns:initiative_detail", args=[initiative.pk])
    # Session, user, the cache; the initiative, its agenda items, topics, reports and history;
    # storing them (five); the request's savepoint pair.
    with django_assert_num_queries(14):
        client.get(url)
    # Session, user, the page from the cache, the request's savepoint pair.
    with django_assert_num_queries(4):
        client.get(url)
