"""Every admin changelist and add page passes the same accessibility checks as the site."""

import pytest
from django.contrib import admin
from django.urls import reverse

PAGES = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model, model_admin in admin.site._registry.items()
    if model._meta.app_label in {"members", "pledges", "campaigns"}
)


@pytest.mark.parametrize(("app", "model"), PAGES)
def test_admin_pages_pass_accessibility_checks(page, check_page, sign_in, staff, app, model):
    sign_in(page, staff)
    page.goto(reverse(f"admin:{app}_{model}_changelist"))
    check_page(page, f"admin-{model}-list")
    page.goto(reverse(f"admin:{app}_{model}_add"))
    if page.url.endswith("/add/"):
        check_page(page, f"admin-{model}-add")
