"""The tracker's and the practices' filter forms, kept drawn until a filter is chosen
(campaigns.views.common.empty_filter_form)."""

import pytest
from django.urls import reverse

from campaigns.models import Topic

from .factories import PracticeFactory

pytestmark = pytest.mark.django_db
LISTS = [reverse("campaigns:initiative_list"), reverse("campaigns:practice_list")]


@pytest.mark.parametrize("url", LISTS)
def test_a_new_or_renamed_topic_shows_in_the_kept_form_at_once(client, member_a, url):
    housing = Topic.objects.create(name="Housing first", slug="housing-first", position=1)
    client.force_login(member_a)
    assert "Housing first" in client.get(url).text
    Topic.objects.create(name="Crisis lines", slug="crisis-lines", position=2)
    Topic.objects.filter(pk=housing.pk).update(name="Supportive housing")
    body = client.get(url).text
    assert "Crisis lines" in body and "Supportive housing" in body
    assert "Housing first" not in body


@pytest.mark.parametrize("url", LISTS)
def test_each_language_has_its_own_form(client, member_a, url):
    client.force_login(member_a)
    assert "Any state" in client.get(url).text
    member_a.language = "es"
    member_a.save()
    body = client.get(url).text
    assert "Cualquier estado" in body and "Any state" not in body


@pytest.mark.parametrize("url", LISTS)
def test_a_chosen_filter_is_shown_chosen(client, member_a, url):
    client.force_login(member_a)
    client.get(url)
    body = client.get(url, {"state": "AZ"}).text
    assert '<option value="AZ" selected>' in body


@pytest.mark.parametrize("count", [3, 30])
def test_the_unfiltered_practices_take_the_same_queries_at_any_size(
    client, member_a, count, django_assert_num_queries
):
    PracticeFactory.create_batch(count)
    client.force_login(member_a)
    client.get(reverse("campaigns:practice_list"))
    # The session, its person; the topics (the kept form's key) and the form; the count,
    # the page and its topics; the request's savepoint pair.
    with django_assert_num_queries(9):
        client.get(reverse("campaigns:practice_list"))
