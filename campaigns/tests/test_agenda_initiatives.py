from django.urls import reverse

from campaigns.models import Initiative
from campaigns.tests.factories import AgendaItemFactory, InitiativeFactory, ReportFactory


def test_agenda_item_shows_linked_initiative_and_it_links_back(client, member_a):
    item = AgendaItemFactory(topic="Crisis funding update")
    item.initiatives.add(InitiativeFactory(title="Mobile crisis teams act"))
    client.force_login(member_a)
    call_page = client.get(item.call.get_absolute_url()).text
    assert "Mobile crisis teams act" in call_page
    initiative = item.initiatives.get()
    initiative_page = client.get(reverse("campaigns:initiative_detail", args=[initiative.pk])).text
    assert f'href="{item.get_absolute_url()}"' in initiative_page


def test_agenda_never_shows_another_organizations_unverified_report(client, member_a, org_b):
    report = ReportFactory(
        organization=org_b, initiative__review_state=Initiative.ReviewState.REPORTED,
        initiative__title="Unverified county ordinance",
    )  # fmt: skip
    item = AgendaItemFactory()
    item.initiatives.add(report.initiative)
    client.force_login(member_a)
    assert "Unverified county ordinance" not in client.get(item.call.get_absolute_url()).text


def test_initiative_page_lists_no_draft_call(client, member_a):
    item = AgendaItemFactory(call__draft=True, topic="Draft topic")
    initiative = InitiativeFactory()
    item.initiatives.add(initiative)
    client.force_login(member_a)
    page = client.get(reverse("campaigns:initiative_detail", args=[initiative.pk])).text
    assert "Draft topic" not in page


def test_member_follows_agenda_item_to_initiative_and_back(page, check_page, sign_in, member_a):
    item = AgendaItemFactory(topic="Crisis funding update")
    item.initiatives.add(InitiativeFactory(title="Mobile crisis teams act", bill_number="HB 12"))
    sign_in(page, member_a)
    page.goto(item.call.get_absolute_url())
    check_page(page, "agenda-with-initiative")
    page.get_by_role("link", name="HB 12 Mobile crisis teams act").click()
    page.get_by_role("heading", name="Mobile crisis teams act").wait_for()
    check_page(page, "initiative-from-agenda")
    page.get_by_role("link", name="Crisis funding update").click()
    page.locator(f"#agenda-{item.pk}").wait_for()
