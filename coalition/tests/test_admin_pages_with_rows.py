"""Every admin changelist, and the change page of its first row, with rows in them: axe
finds nothing, and nothing scrolls sideways at 1280 px or at phone width."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from .test_staff_journeys import visit

PAGES = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in apps.get_models()
    if model._meta.app_label in {"members", "pledges", "campaigns", "outbox"}
    and admin.site.is_registered(model)
)
# Review queues open on what waits; these show every row.
EVERYTHING = {
    "partnershipapplication": "?status__exact=all",
    "initiative": "?review_state__exact=all",
    "practice": "?status__exact=all",
}


@pytest.mark.parametrize(("app", "model"), PAGES)
def test_admin_pages_with_rows_pass_axe_and_fit(page, check_page, sign_in, world, app, model):
    sign_in(page, world.staff)
    page.goto(reverse(f"admin:{app}_{model}_changelist") + EVERYTHING.get(model, ""))
    visit(page, check_page, f"admin-{model}-rows")
    first = page.locator("#result_list tbody tr th a").first
    if first.count():
        first.click()
        visit(page, check_page, f"admin-{model}-change")
