"""Accessible date-time fields in the Django admin.

The stock split date/time widget renders two inputs without labels, which fails
WCAG 2.2 (axe `label`); one native `datetime-local` input has one label and works with
the keyboard and screen readers. Every ModelAdmin and inline of the portal mixes in
`AccessibleAdmin` (the documented `formfield_overrides`); the admins other packages
register are registered again with it (members/admin.py, outbox/admin.py).
"""

from django import forms
from django.contrib.admin.apps import AdminConfig as BaseAdminConfig
from django.db import models


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class AccessibleAdmin:
    """Mix in before admin.ModelAdmin or an inline class."""

    formfield_overrides = {
        models.DateTimeField: {"form_class": forms.DateTimeField, "widget": DateTimeLocalInput}
    }


class AdminConfig(BaseAdminConfig):
    def ready(self) -> None:
        super().ready()
        # The sidebar takes a quarter of a laptop screen and pushes changelist columns
        # off the right edge; the breadcrumbs and the start page lead everywhere.
        self.module.site.enable_nav_sidebar = False
