import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from members.models import FocusArea

from .factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
URL = reverse("members:directory")


def names(response):
    return [org.name for org in response.context["page_obj"]]


def test_it_lists_only_active_partners_that_agreed(client):
    OrganizationFactory(name="Listed")
    OrganizationFactory(name="Hidden", listed_in_directory=False)
    OrganizationFactory(name="Paused", status="paused")
    assert names(client.get(URL)) == ["Listed"]


def test_it_never_shows_people_or_emails(client, admin_a, member_a):
    body = client.get(URL).content.decode()
    assert "Harbor Peer Network" in body
    assert "admin.a@example.org" not in body and admin_a.name not in body


def test_it_filters_by_state_and_focus_area(client, org_a, org_b):
    org_b.focus_areas.set(FocusArea.objects.filter(slug="housing"))
    assert names(client.get(URL, {"state": "MA"})) == ["Harbor Peer Network"]
    assert names(client.get(URL, {"focus_area": "housing"})) == ["Desert Recovery Alliance"]


def test_bad_filter_value_is_not_an_error(client, org_a):
    response = client.get(URL, {"state": "ZZ"})
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_it_pages_by_twenty_five(client):
    OrganizationFactory.create_batch(26)
    assert len(client.get(URL).context["page_obj"]) == 25
    assert len(client.get(URL, {"page": 2}).context["page_obj"]) == 1


def test_map_counts_partners_per_state_and_links_to_filter(client, org_a, org_b):
    OrganizationFactory(state="MA")
    response = client.get(URL)
    assert f'href="{URL}?state=MA"' in response.content.decode()
    tiles = {t["code"]: t["count"] for t in response.context["tiles"]}
    assert (tiles["MA"], tiles["AZ"], tiles["TX"]) == (2, 1, 0)


@pytest.mark.parametrize("rows", [3, 30])
def test_query_count_does_not_grow(client, django_assert_num_queries, rows):
    for org in OrganizationFactory.create_batch(rows):
        org.focus_areas.set(FocusArea.objects.all()[:2])
        MembershipFactory(organization=org)
    cache.clear()  # a full cache table would add a cull to the write
    # Rendering: 5 for the page, 1 cache read and 6 for the cache add (count, select twice,
    # insert and their savepoint pair); then one cache read. Each request adds its own
    # savepoint pair (the request's transaction, inside the test's).
    with django_assert_num_queries(14):
        client.get(URL)
    # A first visit again: the whole page, kept (members.caching).
    with django_assert_num_queries(2):
        client.get(URL)
    # A returning visitor (any cookie) gets the page drawn around the kept body.
    client.cookies["django_language"] = "en"
    with django_assert_num_queries(3):
        client.get(URL)


def test_it_keeps_the_first_page_a_minute_and_then_shows_changes(client, org_a):
    client.cookies["django_language"] = "en"  # a returning visitor: a first visit waits 5
    client.get(URL)
    OrganizationFactory(name="Newly Listed")
    assert "Newly Listed" not in client.get(URL).content.decode()
    with time_machine.travel(datetime.timedelta(seconds=61)):
        assert "Newly Listed" in client.get(URL).content.decode()


def test_it_does_not_keep_a_focus_area_search(client, org_a):
    client.cookies["django_language"] = "en"  # not a first visit, which gets a kept page
    client.get(URL, {"focus_area": "housing"})
    OrganizationFactory(name="Newly Listed").focus_areas.set(
        FocusArea.objects.filter(slug="housing")
    )
    assert "Newly Listed" in client.get(URL, {"focus_area": "housing"}).content.decode()
