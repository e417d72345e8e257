"""`{{ form|crispy_empty }}`: an empty form that looks the same for everyone, drawn once.

An unbound form whose fields read nothing from the database is a pure function of the code
and its initial values, so each process draws it once per class and initial values and keeps
the markup (a new release starts new processes). The CSRF token stays outside, in the page.
"""

import functools

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django import forms, template

register = template.Library()


@register.filter
def crispy_empty(form: forms.BaseForm) -> str:
    if form.is_bound or getattr(getattr(form, "instance", None), "pk", None) is not None:
        raise ValueError(f"{type(form).__name__} holds someone's data: use |crispy")
    if any(isinstance(field, forms.ModelChoiceField) for field in form.fields.values()):
        raise ValueError(f"{type(form).__name__} reads its choices from the database: use |crispy")
    return _drawn(type(form), tuple(sorted(form.initial.items())))


@functools.lru_cache(maxsize=64)
def _drawn(form_class: type[forms.BaseForm], initial: tuple) -> str:
    return as_crispy_form(form_class(initial=dict(initial)))
