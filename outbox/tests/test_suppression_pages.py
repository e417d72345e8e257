"""The suppression list in the admin passes the site's accessibility checks."""

from django.urls import reverse

from outbox.models import Suppression
from outbox.suppression import suppress


def test_the_suppression_list_and_an_entry_pass_the_checks(page, check_page, sign_in, staff):
    suppress(addresses=["gone@example.org"], detail="(550, b'No such mailbox')")
    sign_in(page, staff)
    page.goto(reverse("admin:outbox_suppression_changelist"))
    check_page(page, "admin-suppression-list")
    page.get_by_role("link", name="gone@example.org").click()
    check_page(page, "admin-suppression-entry")
    entry = Suppression.objects.get()
    assert page.url.endswith(reverse("admin:outbox_suppression_change", args=[entry.pk]))
