import datetime
from pathlib import Path

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from campaigns.models import CalendarFeedToken, CallAnnouncement, CallRSVP, StrategyCall
from campaigns.tests.factories import DayOfActionFactory
from pledges.models import Activity, month


def test_member_reads_the_agenda_rsvps_and_adds_the_call_to_a_calendar(
    page, check_page, sign_in, member_a, upcoming_call
):
    sign_in(page, member_a)
    page.goto(reverse("campaigns:call_list"))
    check_page(page, "calls-list")
    page.get_by_role("heading", name="Coming up").wait_for()
    page.get_by_role("main").get_by_role("link", name="Next strategy call").first.click()
    page.get_by_role("heading", name="Agenda").wait_for()
    assert page.get_by_text("Crisis-line funding").is_visible()
    assert page.get_by_text(upcoming_call.when_display()).is_visible()
    check_page(page, "call-detail")

    page.get_by_role("button", name="Yes, I plan to come").click()
    page.get_by_text("1 person from 1 organization plans to come.").wait_for()
    assert CallRSVP.objects.get(user=member_a).attending
    check_page(page, "call-detail-rsvp")

    with page.expect_download() as download:
        page.get_by_role("link", name="Add to my calendar (.ics file)").click()
    event = Calendar.from_ical(Path(download.value.path()).read_bytes()).events[0]
    assert event.start == upcoming_call.starts_at
    assert str(event.start.tzinfo) == "America/New_York"
    assert upcoming_call.join_url in str(event["DESCRIPTION"])


def test_member_subscribes_to_the_feed_and_turns_it_off(page, check_page, sign_in, member_a):
    sign_in(page, member_a)
    page.goto(reverse("campaigns:feed_settings"))
    check_page(page, "feed-settings-empty")
    page.get_by_role("button", name="Create my calendar link").click()
    link = page.get_by_label("Your private calendar link").input_value()
    assert link.endswith(CalendarFeedToken.objects.get(user=member_a).token)
    check_page(page, "feed-settings")
    page.get_by_role("button", name="Turn off my link").click()
    page.get_by_text("Your calendar link is turned off.").wait_for()
    assert not CalendarFeedToken.objects.exists()


def test_member_records_taking_part_in_a_day_of_action(page, check_page, sign_in, member_a, org_a):
    DayOfActionFactory(title="Crisis care for all", date=timezone.localdate())
    DayOfActionFactory(title="Peer voices day")
    sign_in(page, member_a)
    page.goto(reverse("campaigns:days_of_action"))
    check_page(page, "days-of-action")
    page.get_by_role("button", name="We took part in Crisis care for all").click()
    page.get_by_text("Your organization took part").wait_for()
    assert (
        Activity.objects.in_month(month(timezone.localdate()))
        .filter(organization=org_a, kind=Activity.Kind.DAY_OF_ACTION)
        .exists()
    )
    check_page(page, "days-of-action-done")
    page.goto(reverse("campaigns:call_list"))
    page.get_by_role("heading", name="Upcoming days of action").wait_for()
    check_page(page, "calls-list-with-days")


def test_staff_build_publish_and_record_attendance(
    page, check_page, sign_in, staff, member_a, org_a, org_b, deliver_mail
):
    day = timezone.localdate() + datetime.timedelta(days=7)
    sign_in(page, staff)
    page.goto(reverse("admin:campaigns_strategycall_add"))
    page.locator("#id_title").fill("Staff-built call")
    page.locator("#id_starts_at").fill(f"{day.isoformat()}T14:00")
    page.locator("#id_join_url").fill("https://meet.example.org/built")
    page.locator("#id_agenda_items-0-topic").fill("Welcome")
    page.locator("#id_agenda_items-0-minutes_allotted").fill("10")
    page.locator("input[name=_save]").click()
    call = StrategyCall.objects.get(title="Staff-built call")
    assert call.status == StrategyCall.Status.DRAFT
    assert list(call.agenda_items.values_list("topic", flat=True)) == ["Welcome"]

    page.locator(f"input[name=_selected_action][value='{call.pk}']").check()
    page.locator("select[name=action]").select_option("publish")
    page.locator("button[name=index]").click()
    page.get_by_text("the agenda email is queued").wait_for()
    call.refresh_from_db()
    assert call.status == StrategyCall.Status.PUBLISHED
    assert CallAnnouncement.objects.get(call=call).sent_at is not None
    assert member_a.email in [m.to[0] for m in deliver_mail()]

    CallRSVP.objects.create(call=call, user=member_a, organization=org_a, attending=True)
    page.goto(reverse("admin:campaigns_strategycall_attendance", args=[call.pk]))
    check_page(page, "admin-attendance")
    assert page.get_by_label(org_a.name).is_checked()
    assert not page.get_by_label(org_b.name).is_checked()
    page.get_by_role("button", name="Save attendance").click()
    page.get_by_text("1 organization(s) added and credited").wait_for()
    credits = Activity.objects.in_month(month(call.starts_at))
    assert credits.filter(organization=org_a, kind=Activity.Kind.STRATEGY_CALL).exists()
    assert not credits.filter(organization=org_b).exists()

    page.get_by_label(org_a.name).uncheck()
    page.get_by_role("button", name="Save attendance").click()
    page.get_by_text("1 removed").wait_for()
    assert not Activity.objects.filter(organization=org_a).exists()
