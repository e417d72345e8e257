"""A change to an initiative or what its page shows is on the next view of the tracker and page."""

from django.urls import reverse

from campaigns.models import Initiative
from campaigns.services import initiative_close, initiative_set_status, initiative_verify

from .factories import AgendaItemFactory, InitiativeFactory, ReportFactory, TopicFactory

TRACKER = reverse("campaigns:initiative_list")


def detail(initiative: Initiative) -> str:
    return reverse("campaigns:initiative_detail", args=[initiative.pk])


def test_an_edited_title_shows_on_the_next_view_on_the_tracker(client, member_a):
    initiative = InitiativeFactory(title="Crisis teams act")
    client.force_login(member_a)
    assert "Crisis teams act" in client.get(TRACKER).text
    initiative.title = "Mobile crisis teams act"
    initiative.save()
    assert "Mobile crisis teams act" in client.get(TRACKER).text


def test_a_new_report_counts_on_the_next_view_on_the_tracker(client, member_a):
    initiative = ReportFactory().initiative
    client.force_login(member_a)
    assert "Reported by 1 organization" in client.get(TRACKER).text
    ReportFactory(initiative=initiative)
    assert "Reported by 2 organizations" in client.get(TRACKER).text


def test_topics_show_on_the_next_view_on_the_cards_and_in_the_form(client, member_a):
    initiative = InitiativeFactory()
    client.force_login(member_a)
    assert "Topics:" not in client.get(TRACKER).text
    topic = TopicFactory(name="Housing first", slug="housing-first")  # not a seeded one
    initiative.topics.add(topic)
    page = client.get(TRACKER).text
    assert "Topics: Housing first" in page and '<option value="housing-first">' in page
    topic.name = "Supportive housing"
    topic.save()
    assert "Topics: Supportive housing" in client.get(TRACKER).text


def test_a_closed_initiative_leaves_the_tracker_on_the_next_view(client, member_a):
    initiative = InitiativeFactory(title="Mistaken entry")
    client.force_login(member_a)
    assert "Mistaken entry" in client.get(TRACKER).text
    initiative_close(initiative=initiative)
    assert "Mistaken entry" not in client.get(TRACKER).text


def test_each_organization_and_staff_see_their_own_first_page(client, member_a, member_b, staff):
    ReportFactory(organization=member_a.membership.organization, initiative__title="Our bill",
                  initiative__review_state="reported")  # fmt: skip
    for user, shown in ((member_a, True), (member_b, False), (staff, True), (member_b, False)):
        client.force_login(user)
        assert ("Our bill" in client.get(TRACKER).text) is shown, user


def test_a_status_change_shows_on_the_next_view_on_the_initiative_page(client, member_a, staff):
    initiative = InitiativeFactory()
    client.force_login(member_a)
    assert "No changes recorded yet" in client.get(detail(initiative)).text
    initiative_set_status(initiative=initiative, status="passed", by=staff)
    assert "Introduced → Passed" in client.get(detail(initiative)).text


def test_a_renamed_reporting_organization_shows_on_the_next_view(client, member_a):
    report = ReportFactory(organization__name="Harbor Peers")
    client.force_login(member_a)
    assert "Harbor Peers" in client.get(detail(report.initiative)).text
    report.organization.name = "Harbor Peer Network of Boston"
    report.organization.save()
    assert "Harbor Peer Network of Boston" in client.get(detail(report.initiative)).text


def test_agenda_links_and_call_changes_show_on_the_next_view(client, member_a):
    initiative = InitiativeFactory()
    item = AgendaItemFactory(topic="Crisis funding", call__title="June call")
    client.force_login(member_a)
    assert "June call" not in client.get(detail(initiative)).text
    item.initiatives.add(initiative)
    assert "June call: Crisis funding" in client.get(detail(initiative)).text
    item.call.title = "June strategy call"
    item.call.save()
    assert "June strategy call: Crisis funding" in client.get(detail(initiative)).text


def test_staff_see_draft_calls_on_the_page_and_members_do_not(client, member_a, staff):
    initiative = InitiativeFactory()
    AgendaItemFactory(call__draft=True, topic="Draft topic").initiatives.add(initiative)
    client.force_login(staff)
    assert "Draft topic" in client.get(detail(initiative)).text
    client.force_login(member_a)
    assert "Draft topic" not in client.get(detail(initiative)).text


def test_the_page_opens_only_for_those_who_may_see_it(client, member_a, member_b):
    report = ReportFactory(organization=member_a.membership.organization,
                           initiative__review_state="reported")  # fmt: skip
    client.force_login(member_a)
    assert client.get(detail(report.initiative)).status_code == 200
    client.force_login(member_b)
    assert client.get(detail(report.initiative)).status_code == 404


def test_a_verified_initiative_opens_for_everyone_on_the_next_view(client, member_b, staff):
    initiative = ReportFactory(initiative__review_state="reported").initiative
    client.force_login(member_b)
    assert client.get(detail(initiative)).status_code == 404
    initiative_verify(initiative=initiative, by=staff)
    assert client.get(detail(initiative)).status_code == 200
