import csv
import io

import pytest
from django.urls import reverse

from campaigns.models import Initiative, InitiativeExport, Report
from members.tests.factories import OrganizationFactory

from .factories import InitiativeFactory, ReportFactory, TopicFactory

URL = reverse("campaigns:initiative_list")
EXPORT = reverse("campaigns:initiative_export")


def titles(response) -> set[str]:
    return {i["title"] for i in response.context["initiatives"]}


def test_it_lists_verified_initiatives_and_our_unverified_reports(client, member_a, org_a, org_b):
    verified = InitiativeFactory()
    ours = ReportFactory(organization=org_a, initiative__review_state="reported").initiative
    theirs = ReportFactory(organization=org_b, initiative__review_state="reported").initiative
    client.force_login(member_a)
    response = client.get(URL)
    assert titles(response) == {verified.title, ours.title}
    assert theirs.title not in response.content.decode()


def test_it_sends_anonymous_visitors_to_log_in(client, db):
    assert client.get(URL).status_code == 302


def test_it_is_404_for_a_signed_in_person_without_an_organization(client, db):
    from members.tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(URL).status_code == 404


def test_staff_see_every_report(client, staff, org_b):
    ReportFactory(organization=org_b, initiative__review_state="reported")
    client.force_login(staff)
    assert len(titles(client.get(URL))) == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"state": "AZ"}, {"Arizona peer act"}),
        ({"level": "city"}, {"Boston diversion"}),
        ({"status": "enacted"}, {"Arizona peer act"}),
        ({"topic": "housing"}, {"Boston diversion"}),
        ({"position": "support"}, {"Arizona peer act"}),
    ],
)
def test_it_filters(client, member_a, query, expected):
    housing = TopicFactory(slug="housing", name="Housing")
    InitiativeFactory(title="Arizona peer act", state="AZ", status="enacted", position="support")
    boston = InitiativeFactory(title="Boston diversion", level="city", jurisdiction="Boston")
    boston.topics.add(housing)
    client.force_login(member_a)
    assert titles(client.get(URL, query)) == expected


def test_it_finds_by_a_word_in_the_summary(client, member_a):
    InitiativeFactory(title="Act one", summary="Expands warmlines run by peers.")
    InitiativeFactory(title="Act two", summary="School counselors.")
    client.force_login(member_a)
    assert titles(client.get(URL, {"q": "warmline"})) == {"Act one"}


def test_it_finds_by_bill_number_written_any_way(client, member_a):
    InitiativeFactory(title="Act one", bill_number="H.B. 4410")
    InitiativeFactory(title="Act two", bill_number="S. 12")
    client.force_login(member_a)
    assert titles(client.get(URL, {"q": "hb4410"})) == {"Act one"}


def test_it_counts_reporting_organizations(client, member_a):
    initiative = InitiativeFactory()
    ReportFactory.create_batch(3, initiative=initiative)
    client.force_login(member_a)
    response = client.get(URL)
    assert response.context["initiatives"][0]["report_count"] == 3
    assert "Reported by 3 organizations" in response.content.decode()


def test_it_counts_initiatives_per_state_for_the_map(client, member_a):
    InitiativeFactory.create_batch(2, state="AZ")
    InitiativeFactory(state="", level="federal", jurisdiction="United States")
    client.force_login(member_a)
    counts = {s["code"]: s["count"] for s in client.get(URL).context["states"]}
    assert counts["AZ"] == 2 and sum(counts.values()) == 2


def make_initiatives(count: int, organization, prefix: str = "HB") -> None:
    topic = TopicFactory()
    rows = Initiative.objects.bulk_create(
        Initiative(
            title=f"Bill {n}",
            level="state",
            state="MA",
            jurisdiction="Massachusetts",
            bill_number=f"{prefix}{n}",
            bill_number_normalized=f"{prefix}{n}",
            review_state="verified" if n % 2 else "reported",
        )
        for n in range(count)
    )
    Report.objects.bulk_create(Report(initiative=i, organization=organization) for i in rows)
    Initiative.topics.through.objects.bulk_create(
        Initiative.topics.through(initiative=i, topic=topic) for i in rows
    )


def cards(response) -> int:
    return response.content.decode().count('<li class="card mb-2">')


@pytest.mark.parametrize("count", [3, 300])
def test_the_tracker_query_count_does_not_grow(
    client, member_a, org_a, count, django_assert_num_queries
):
    make_initiatives(count, org_a)
    make_initiatives(count, OrganizationFactory(), prefix="SB")
    client.force_login(member_a)
    client.get(URL)  # Warm the session and content types.
    # The session, its person; the topics (the key of the kept filter form) and the form,
    # state counts (also the paginator's total), the page, its topics; the request's
    # savepoint pair.
    with django_assert_num_queries(9):
        response = client.get(URL)
    # Ours, plus only the verified half of the other organization's.
    assert cards(response) == min(count + count // 2, 50)


@pytest.mark.parametrize("count", [3, 300])
def test_the_filtered_tracker_query_count_does_not_grow(
    client, member_a, org_a, count, django_assert_num_queries
):
    make_initiatives(count, org_a)
    client.force_login(member_a)
    client.get(URL)  # Warm the session and content types.
    # Session, user; state counts, the page, its topics, the form's topics; savepoint pair.
    with django_assert_num_queries(8):
        assert cards(client.get(URL, {"state": "MA"})) == min(count, 50)


def test_it_paginates_by_fifty(client, member_a, org_a):
    make_initiatives(60, org_a)
    client.force_login(member_a)
    assert len(client.get(URL, {"page": 2}).context["initiatives"]) == 10


def parse(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_staff_export_exactly_the_filtered_rows(client, staff, org_a):
    az = InitiativeFactory.create_batch(2, state="AZ", title="=HYPERLINK(evil)")
    InitiativeFactory(state="MA")
    ReportFactory(initiative=az[0], organization=org_a)
    client.force_login(staff)
    response = client.get(EXPORT, {"state": "AZ"})
    rows = parse(response)
    assert response["Content-Type"].startswith("text/csv")
    assert sorted(int(r["id"]) for r in rows) == sorted(i.pk for i in az)
    assert {r["reporting organizations"] for r in rows} == {org_a.name, ""}
    assert rows[0]["title"] == "'=HYPERLINK(evil)"


def test_the_export_records_who_exported(client, staff):
    InitiativeFactory()
    client.force_login(staff)
    client.get(EXPORT, {"level": "state"})
    export = InitiativeExport.objects.get()
    assert (export.exported_by, export.query, export.row_count) == (staff, "level=state", 1)


def test_members_cannot_export(client, admin_a):
    client.force_login(admin_a)
    assert client.get(EXPORT).status_code == 403


def test_the_export_uses_the_search_too(client, staff):
    InitiativeFactory(title="Act one", summary="Expands warmlines run by peers.")
    InitiativeFactory(title="Act two")
    client.force_login(staff)
    assert [r["title"] for r in parse(client.get(EXPORT, {"q": "warmlines"}))] == ["Act one"]
