import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from members.tests.factories import OrganizationFactory, UserFactory
from pledges.emails import unsubscribe_token
from pledges.models import EmailPreference
from pledges.tests.factories import ActivityFactory, PledgePauseFactory


def test_a_member_logs_edits_and_removes_an_activity(page, check_page, sign_in, member_a):
    today = timezone.localdate()
    sign_in(page, member_a)
    page.goto(reverse("dashboard"))
    page.get_by_text("Not yet", exact=True).first.wait_for()
    check_page(page, "dashboard-not-yet")

    page.get_by_role("link", name="Log an activity").click()
    page.get_by_label("Type of activity").select_option("day_of_action")
    page.get_by_label("Date it happened").fill((today + datetime.timedelta(days=1)).isoformat())
    page.get_by_label("What was done").fill("Spoke at the state house rally.")
    page.get_by_role("button", name="Log activity").click()
    page.get_by_text("This date is in the future").first.wait_for()
    check_page(page, "activity-new-error")

    page.get_by_label("Date it happened").fill(today.isoformat())
    page.get_by_role("button", name="Log activity").click()
    page.get_by_text(f"{today:%B}'s pledge is met, thank you").wait_for()
    check_page(page, "activity-list")

    page.get_by_role("link", name="Edit").click()
    page.get_by_label("What was done").fill("Spoke at the rally and met our senator.")
    check_page(page, "activity-edit")
    page.get_by_role("button", name="Save changes").click()
    page.get_by_text("met our senator").wait_for()

    page.get_by_role("link", name="Remove").click()
    check_page(page, "activity-delete")
    page.get_by_role("button", name="Remove it").click()
    page.get_by_text("The activity was removed").wait_for()
    assert not member_a.membership.organization.activities.exists()


def test_the_dashboard_shows_a_met_month_and_the_strip(page, check_page, sign_in, member_a, org_a):
    ActivityFactory(organization=org_a, summary="Joined the strategy call")
    sign_in(page, member_a)
    page.goto(reverse("dashboard"))
    page.get_by_role("heading", name="The last twelve months").wait_for()
    expect(page.get_by_text("Joined the strategy call")).to_be_visible()
    check_page(page, "dashboard-met")


def test_staff_see_coalition_health(page, check_page, sign_in, staff, org_a, org_b):
    ActivityFactory(organization=org_a)
    PledgePauseFactory(organization=org_b, month=timezone.localdate().replace(day=1))
    OrganizationFactory(joined_on=datetime.date(2020, 1, 1))
    sign_in(page, staff)
    page.goto(reverse("pledges:staff"))
    page.get_by_role("heading", name="Organizations by month").wait_for()
    check_page(page, "staff-health")
    page.get_by_label("State").select_option("MA")
    page.get_by_role("button", name="Filter").click()
    page.get_by_text("1 organization.").wait_for()
    check_page(page, "staff-health-filtered")


def test_a_person_turns_reminders_off_in_email_settings(page, check_page, sign_in, member_a):
    sign_in(page, member_a)
    page.goto(reverse("pledges:email_preferences"))
    check_page(page, "email-preferences")
    page.get_by_label("Monthly pledge reminders").uncheck()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Your email choices are saved").wait_for()
    assert EmailPreference.objects.get(user=member_a).reminders is False


def test_someone_unsubscribes_from_the_link_without_signing_in(page, check_page, member_a):
    page.goto(reverse("pledges:unsubscribe", args=[unsubscribe_token(member_a)]))
    check_page(page, "unsubscribe")
    page.get_by_role("button", name="Yes, unsubscribe me").click()
    page.get_by_role("heading", name="You are unsubscribed").wait_for()
    check_page(page, "unsubscribe-done")
    assert EmailPreference.objects.get(user=member_a).reminders is False


def test_a_credited_entry_explains_why_it_cannot_change(page, check_page, sign_in, member_a, org_a):
    activity = ActivityFactory(
        organization=org_a, source_type=ContentType.objects.get_for_model(org_a), source_id=1
    )
    sign_in(page, member_a)
    page.goto(reverse("pledges:activity_edit", args=[activity.pk]))
    page.get_by_text("credited automatically").wait_for()
    check_page(page, "activity-locked")


def test_a_broken_unsubscribe_link_is_explained(page, check_page, db):
    page.goto(reverse("pledges:unsubscribe", args=["not-a-real-token"]))
    page.get_by_role("heading", name="This link does not work").wait_for()
    check_page(page, "unsubscribe-invalid")


def test_someone_without_a_partner_is_told_kindly(page, check_page, sign_in, db):
    sign_in(page, UserFactory())
    page.goto(reverse("dashboard"))
    assert page.url.endswith(reverse("members:apply"))
    check_page(page, "dashboard-no-partner")
