from django import forms
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.test import RequestFactory

from members.admin_widgets import DateTimeLocalInput


def test_every_admin_edits_date_times_in_one_labelled_input(admin_user):
    """The stock split widget has two unlabelled inputs; every admin uses one datetime-local."""
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    wrong = []
    for model in apps.get_models():
        if not admin.site.is_registered(model):
            continue
        model_admin = admin.site.get_model_admin(model)
        inlines = [inline(model, admin.site) for inline in model_admin.inlines]
        for each in [model_admin, *inlines]:
            for field in each.model._meta.get_fields():
                if isinstance(field, models.DateTimeField) and field.editable:
                    formfield = each.formfield_for_dbfield(field, request=request)
                    if formfield and (
                        isinstance(formfield, forms.SplitDateTimeField)
                        or not isinstance(formfield.widget, DateTimeLocalInput)
                    ):
                        wrong.append(f"{type(each).__name__}.{field.name}")
    assert not wrong
