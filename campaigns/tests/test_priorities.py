"""/priorities/: the coalition's public positions on verified initiatives, and their feed."""

import feedparser
import pytest
from django.urls import reverse

from .factories import InitiativeFactory, ReportFactory, TopicFactory

MARKER = "zq-private-marker"
URL = reverse("campaigns:priority_list")
FEED = reverse("campaigns:priority_feed")


@pytest.fixture
def supported(db, org_a):
    initiative = InitiativeFactory(
        title="Mobile crisis teams act <b>{{ x }}</b>",
        state="MA",
        bill_number="H 1234",
        review_state="verified",
        position="support",
        summary=f"Staff summary {MARKER}",
        priority="high",
    )
    ReportFactory(initiative=initiative, organization=org_a, note=f"Note {MARKER}")
    return initiative


def test_it_lists_verified_positions_to_anonymous_visitors(client, supported):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mobile crisis teams act &lt;b&gt;{{ x }}&lt;/b&gt;" in html
    assert "H 1234" in html and "1 partner" in html


def test_it_shows_no_unverified_initiative_or_staff_only_field(client, supported):
    InitiativeFactory(title=f"Unverified {MARKER}", review_state="reported", position="support")
    InitiativeFactory(title=f"No position {MARKER}", review_state="verified", position="none")
    for url in (URL, FEED):
        assert MARKER not in client.get(url).content.decode()
    assert "High" not in client.get(URL).content.decode()


def test_it_filters_by_state_and_topic(client, supported):
    topic = TopicFactory()
    other = InitiativeFactory(
        title="Peer respite", state="OR", review_state="verified", position="oppose"
    )
    other.topics.add(topic)
    assert [i.pk for i in client.get(URL, {"state": "MA"}).context["page_obj"]] == [supported.pk]
    assert [i.pk for i in client.get(URL, {"topic": topic.slug}).context["page_obj"]] == [other.pk]


def test_its_atom_feed_parses(client, supported):
    response = client.get(FEED)
    feed = feedparser.parse(response.content)
    assert not feed.bozo and feed.version == "atom10"
    [entry] = feed.entries
    assert entry.title == "Support: Mobile crisis teams act <b>{{ x }}</b>"
    assert entry.link.endswith(f"/priorities/#initiative-{supported.pk}")


@pytest.mark.parametrize("count", [3, 30])
def test_it_takes_the_same_queries_at_any_size(client, db, count, django_assert_num_queries):
    InitiativeFactory.create_batch(count, review_state="verified", position="support")
    # The count, the page and the filter's topics, plus what every page reads; then a first
    # visit is served the whole page (members.caching): only the request's savepoint pair.
    with django_assert_num_queries(12):
        client.get(URL)
    with django_assert_num_queries(2):
        client.get(URL)
    with django_assert_num_queries(5):
        client.get(URL, {"state": "MA"})
    # A returning visitor (any cookie) gets the page drawn, its kept body one cache read.
    client.cookies["django_language"] = "en"
    with django_assert_num_queries(3):
        client.get(URL)


def test_anyone_browses_the_priorities_in_a_browser(page, check_page, live_server, supported):
    page.goto(live_server.url + URL)
    page.get_by_role("heading", name="Legislative priorities").wait_for()
    check_page(page, "priorities")
    page.get_by_label("State").select_option("MA")
    page.get_by_role("button", name="Show priorities").click()
    page.get_by_text("1 initiative.").wait_for()
