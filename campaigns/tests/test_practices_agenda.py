from django.urls import reverse

from .factories import AgendaItemFactory, PracticeFactory


def test_a_call_agenda_links_accepted_practices_only(client, member_a):
    item = AgendaItemFactory(topic="What worked in Ohio")
    shared = PracticeFactory(title="Evening warmline")
    waiting = PracticeFactory(title="Still under review", status="submitted", decided_at=None)
    item.practices.add(shared, waiting)
    client.force_login(member_a)
    text = client.get(reverse("campaigns:call_detail", args=[item.call.pk])).text
    assert shared.get_absolute_url() in text and "Still under review" not in text


def test_the_practice_page_names_the_calls_that_discussed_it(client, member_a):
    item = AgendaItemFactory(topic="What worked in Ohio", call__title="May call")
    practice = PracticeFactory()
    item.practices.add(practice)
    client.force_login(member_a)
    assert "May call" in client.get(practice.get_absolute_url()).text
