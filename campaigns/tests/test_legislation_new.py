import pytest
from django.urls import reverse

from campaigns.models import Initiative, Report

from .conftest import report_data
from .factories import InitiativeFactory, ReportFactory

URL = reverse("campaigns:initiative_new")


def test_it_shows_the_form_to_a_member(client, member_a):
    client.force_login(member_a)
    assert client.get(URL).status_code == 200


def test_it_sends_anonymous_visitors_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_it_is_404_for_someone_without_an_organization(client, staff):
    client.force_login(staff)
    assert client.get(URL).status_code == 404


def test_it_files_a_new_initiative(client, member_a, org_a, topic):
    client.force_login(member_a)
    response = client.post(URL, report_data(topics=[topic.pk]), follow=True)
    initiative = Initiative.objects.get()
    assert response.redirect_chain[-1][0] == initiative.get_absolute_url()
    assert initiative.reports.get().organization == org_a
    assert list(initiative.topics.all()) == [topic]
    assert "your report is in" in response.content.decode()


def test_it_adds_a_duplicate_to_the_existing_initiative_and_says_so(client, member_a, org_b):
    existing = ReportFactory(organization=org_b, initiative__bill_number="HB1234").initiative
    client.force_login(member_a)
    response = client.post(URL, report_data(bill_number="hb 1234"), follow=True)
    assert Initiative.objects.get() == existing and existing.reports.count() == 2
    assert "2 organizations have now reported this" in response.content.decode()


def test_it_refuses_a_second_report_by_the_same_organization_kindly(client, member_a, org_a):
    ReportFactory(organization=org_a, initiative__bill_number="H.B. 1234")
    client.force_login(member_a)
    response = client.post(URL, report_data(), follow=True)
    assert Report.objects.count() == 1
    assert "already reported this one" in response.content.decode()


def test_it_ignores_position_priority_and_review_state_posted_by_a_member(client, member_a):
    client.force_login(member_a)
    extra = {"position": "oppose", "priority": "high", "review_state": "verified"}
    client.post(URL, report_data(**extra))
    initiative = Initiative.objects.get()
    assert (initiative.position, initiative.priority, initiative.review_state) == (
        "none",
        "",
        "reported",
    )
    assert initiative.reports.get().suggested_position == "support"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"source_url": "ftp://example.org/bill"}, "source_url", "starting with https://"),
        ({"source_url": "javascript:alert(1)"}, "source_url", "starting with https://"),
        ({"next_hearing_on": "2026-01-01"}, "next_hearing_on", "cannot be before"),
        ({"level": "city", "jurisdiction": ""}, "jurisdiction", "Name the city"),
        ({"level": "county", "jurisdiction": " "}, "jurisdiction", "Name the county"),
        ({"level": "state", "state": ""}, "state", "Choose the state"),
        ({"title": ""}, "title", "required"),
    ],
)
def test_it_explains_bad_input_beside_the_field(client, member_a, overrides, field, message):
    client.force_login(member_a)
    response = client.post(URL, report_data(**overrides))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Initiative.objects.exists() and not Report.objects.exists()


def test_it_files_a_federal_bill_without_a_state(client, member_a):
    client.force_login(member_a)
    client.post(URL, report_data(level="federal", state="MA", bill_number="S. 99"))
    initiative = Initiative.objects.get()
    assert (initiative.state, initiative.jurisdiction) == ("", "United States")


def test_it_offers_close_titles_before_creating_one_without_a_number(client, member_a):
    existing = InitiativeFactory(
        level="city", jurisdiction="Boston", bill_number="", title="Mobile crisis response teams"
    )
    client.force_login(member_a)
    data = report_data(level="city", jurisdiction="boston", bill_number="")
    response = client.post(URL, data)
    assert response.templates[0].name == "campaigns/initiative_confirm.html"
    assert list(response.context["candidates"]) == [existing]
    assert not Report.objects.exists()


def test_it_adds_the_report_to_the_chosen_close_match(client, member_a, org_a):
    existing = InitiativeFactory(
        level="city", jurisdiction="Boston", bill_number="", title="Mobile crisis response teams"
    )
    client.force_login(member_a)
    data = report_data(level="city", jurisdiction="Boston", bill_number="", match=existing.pk)
    client.post(URL, data)
    assert Initiative.objects.count() == 1 and existing.reports.get().organization == org_a


def test_it_creates_a_new_one_when_the_member_says_it_is_new(client, member_a):
    InitiativeFactory(
        level="city", jurisdiction="Boston", bill_number="", title="Mobile crisis response teams"
    )
    client.force_login(member_a)
    client.post(URL, report_data(level="city", jurisdiction="Boston", bill_number="", match="new"))
    assert Initiative.objects.count() == 2


def test_it_ignores_a_match_outside_the_close_titles(client, member_a, org_b):
    elsewhere = ReportFactory(organization=org_b, initiative__review_state="reported").initiative
    client.force_login(member_a)
    client.post(URL, report_data(bill_number="", match=elsewhere.pk, title="Unrelated title"))
    assert elsewhere.reports.count() == 1 and Initiative.objects.count() == 2
