from django.urls import reverse

from campaigns.models import Initiative, Report

from .factories import InitiativeFactory, ReportFactory, TopicFactory


def fill_report(page, *, bill_number: str = "H.B. 1234") -> None:
    page.get_by_label("Title").fill("Mobile crisis response act")
    page.get_by_label("Level").select_option("state")
    page.get_by_label("State").select_option("MA")
    page.get_by_label("Bill or ordinance number").fill(bill_number)
    page.get_by_label("Date introduced").fill("2026-02-03")
    page.get_by_label("Summary").fill("Creates mobile crisis teams that answer 988 calls.")
    page.get_by_label("Source link").fill("https://malegislature.gov/Bills/194/H1234")


def test_a_member_files_a_new_initiative(page, check_page, sign_in, member_a, org_a):
    TopicFactory()
    sign_in(page, member_a)
    page.goto(reverse("campaigns:initiative_list"))
    page.get_by_role("link", name="Report an initiative").click()
    check_page(page, "legislation-new")
    fill_report(page)
    page.get_by_label("Crisis services and 988").check()
    page.get_by_role("button", name="Send the report").click()
    page.get_by_text("your report is in").wait_for()
    check_page(page, "legislation-filed")
    assert Initiative.objects.get().reports.get().organization == org_a


def test_a_member_reporting_a_known_bill_joins_it(page, check_page, sign_in, member_a, org_b):
    existing = ReportFactory(organization=org_b, initiative__bill_number="HB1234").initiative
    sign_in(page, member_a)
    page.goto(reverse("campaigns:initiative_new"))
    fill_report(page, bill_number="hb 1234")
    page.get_by_role("button", name="Send the report").click()
    page.get_by_text("2 organizations have now reported this").wait_for()
    check_page(page, "legislation-joined")
    assert Initiative.objects.get() == existing and existing.reports.count() == 2


def test_a_member_sees_bad_input_beside_the_field(page, check_page, sign_in, member_a):
    sign_in(page, member_a)
    page.goto(reverse("campaigns:initiative_new"))
    fill_report(page)
    page.get_by_label("Level").select_option("city")
    page.get_by_label("Source link").fill("ftp://example.org/bill")
    page.get_by_label("Next hearing date").fill("2026-01-01")
    page.get_by_role("button", name="Send the report").click()
    page.locator("#id_jurisdiction.is-invalid").wait_for()
    assert page.locator("#id_source_url.is-invalid").is_visible()
    assert page.locator("#id_next_hearing_on.is-invalid").is_visible()
    check_page(page, "legislation-errors")
    assert not Report.objects.exists()


def test_a_member_is_offered_close_titles(page, check_page, sign_in, member_a, org_b):
    existing = ReportFactory(
        organization=org_b,
        initiative__bill_number="",
        initiative__level="city",
        initiative__jurisdiction="Boston",
        initiative__title="Mobile crisis response teams",
    ).initiative
    sign_in(page, member_a)
    page.goto(reverse("campaigns:initiative_new"))
    fill_report(page, bill_number="")
    page.get_by_label("Level").select_option("city")
    page.get_by_label("City or county").fill("Boston")
    page.get_by_role("button", name="Send the report").click()
    page.get_by_role("heading", name="Is it one of these?").wait_for()
    check_page(page, "legislation-confirm")
    page.get_by_role("button", name="Add my report to this one").click()
    page.get_by_text("2 organizations have now reported this").wait_for()
    assert existing.reports.count() == 2 and Initiative.objects.count() == 1


def test_a_member_browses_filters_and_opens_an_initiative(
    page, check_page, sign_in, member_a, org_b
):
    InitiativeFactory(title="Arizona peer act", state="AZ", summary="Expands peer warmlines.")
    InitiativeFactory(title="Ohio school act", state="OH")
    ReportFactory(organization=org_b, initiative__review_state="reported", initiative__title="Hid")
    sign_in(page, member_a)
    page.goto(reverse("home"))
    page.get_by_role("navigation", name="Main").get_by_role("button", name="Coalition").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Legislation").click()
    check_page(page, "legislation-tracker")
    assert page.get_by_text("Hid").count() == 0
    page.get_by_label("Search").fill("warmlines")
    page.get_by_role("button", name="Show results").click()
    page.get_by_text("1 initiative").wait_for()
    assert page.get_by_role("link", name="Ohio school act").count() == 0
    check_page(page, "legislation-tracker-filtered")
    page.get_by_role("link", name="Arizona peer act").click()
    page.get_by_role("heading", name="Status history").wait_for()
    check_page(page, "legislation-detail")


def test_a_member_reads_what_the_statuses_mean(page, check_page, sign_in, member_a):
    sign_in(page, member_a)
    page.goto(reverse("campaigns:initiative_list"))
    page.get_by_role("link", name="What the statuses mean").click()
    page.get_by_role("heading", name="What the statuses mean").wait_for()
    check_page(page, "legislation-statuses")


def test_staff_filter_and_download_the_csv(page, check_page, sign_in, staff):
    InitiativeFactory(title="Arizona peer act", state="AZ")
    sign_in(page, staff)
    page.goto(reverse("campaigns:initiative_list") + "?state=AZ")
    check_page(page, "legislation-staff")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these as CSV").click()
    with open(download.value.path()) as csv_file:
        assert "Arizona peer act" in csv_file.read()
