from django.urls import reverse

from campaigns.models import Initiative, Report
from pledges.models import Activity

from .factories import InitiativeFactory, ReportFactory


# The stock Django admin is not axe-clean (breadcrumb links, list_editable selects without
# labels, small filter links), so these admin pages are not run through check_page.
def test_staff_verify_and_merge_in_the_admin(page, sign_in, staff, org_a, org_b):
    first = ReportFactory(organization=org_a, initiative__review_state="reported").initiative
    second = InitiativeFactory(review_state="reported", bill_number="", title="Same bill again")
    ReportFactory(initiative=second, organization=org_b)
    sign_in(page, staff)
    page.goto(reverse("admin:campaigns_initiative_changelist") + "?review_state__exact=reported")
    page.locator(f"input[name=_selected_action][value='{first.pk}']").check()
    page.locator("select[name=action]").select_option("verify")
    page.get_by_role("button", name="Go").click()
    page.get_by_text("Verified 1 initiative").wait_for()
    assert Activity.objects.get().organization == org_a

    page.goto(reverse("admin:campaigns_initiative_changelist") + "?review_state__exact=all")
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option("merge")
    page.get_by_role("button", name="Go").click()
    page.get_by_text("Keep which one?").wait_for()
    page.get_by_label(f"#{first.pk}", exact=False).check()
    page.get_by_role("button", name="Merge").click()
    page.get_by_text("Every report was kept").wait_for()
    assert Initiative.objects.get() == first and Report.objects.count() == 2
    assert Activity.objects.count() == 2
