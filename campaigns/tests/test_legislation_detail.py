from django.urls import reverse

from campaigns.services import initiative_set_status

from .factories import InitiativeFactory, ReportFactory


def url(initiative) -> str:
    return reverse("campaigns:initiative_detail", args=[initiative.pk])


def test_it_shows_a_verified_initiative_with_its_reporters_and_history(client, member_a, staff):
    report = ReportFactory(initiative__summary="Funds warmlines.")
    initiative_set_status(initiative=report.initiative, status="passed", by=staff)
    client.force_login(member_a)
    page = client.get(url(report.initiative)).content.decode()
    assert report.organization.name in page and "Funds warmlines." in page
    assert "Introduced → Passed" in page


def test_it_shows_our_own_unverified_report(client, member_a, org_a):
    report = ReportFactory(organization=org_a, initiative__review_state="reported")
    client.force_login(member_a)
    assert client.get(url(report.initiative)).status_code == 200


def test_it_is_404_for_another_organizations_unverified_report(client, member_b, org_a):
    report = ReportFactory(organization=org_a, initiative__review_state="reported")
    client.force_login(member_b)
    assert client.get(url(report.initiative)).status_code == 404


def test_it_is_404_for_a_closed_initiative_we_did_not_report(client, member_b):
    initiative = InitiativeFactory(review_state="closed")
    client.force_login(member_b)
    assert client.get(url(initiative)).status_code == 404


def test_it_sends_anonymous_visitors_to_log_in(client, db):
    assert client.get(url(InitiativeFactory())).status_code == 302


def test_it_never_shows_another_organizations_note(client, member_b, org_a):
    initiative = ReportFactory(organization=org_a, note="Private staff contact: Jo").initiative
    client.force_login(member_b)
    assert "Private staff contact" not in client.get(url(initiative)).content.decode()


def test_the_statuses_page_defines_every_status(client, member_a):
    client.force_login(member_a)
    page = client.get(reverse("campaigns:initiative_statuses")).content.decode()
    for label in ("In committee", "Passed one chamber", "Signed or enacted", "Failed or withdrawn"):
        assert label in page


def test_the_chip_partial_links_to_the_initiative(db):
    from django.template.loader import render_to_string

    initiative = InitiativeFactory(bill_number="HB 9", title="Crisis act")
    html = render_to_string("campaigns/_initiative_chip.html", {"initiative": initiative})
    assert initiative.get_absolute_url() in html and "HB 9" in html and "Crisis act" in html
