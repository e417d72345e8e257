"""Accessible defaults for the Django admin.

The stock split date/time widget renders two inputs without labels, which fails
WCAG 2.2 (axe `label`); one native `datetime-local` input has one label and works with
the keyboard and screen readers.
"""

from django import forms
from django.contrib.admin import options
from django.contrib.admin.apps import AdminConfig as BaseAdminConfig
from django.db import models


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def use_accessible_admin_widgets() -> None:
    options.FORMFIELD_FOR_DBFIELD_DEFAULTS[models.DateTimeField] = {"widget": DateTimeLocalInput}


class AdminConfig(BaseAdminConfig):
    def ready(self) -> None:
        # Before autodiscover registers the ModelAdmins, which copy these defaults.
        use_accessible_admin_widgets()
        super().ready()
        # The sidebar takes a quarter of a laptop screen and pushes changelist columns
        # off the right edge; the breadcrumbs and the start page lead everywhere.
        self.module.site.enable_nav_sidebar = False
