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
    # The session, its person; the initiative, its reports, agenda items, topics and history;
    # the request's savepoint pair.
    with django_assert_num_queries(9):
        client.get(url)
