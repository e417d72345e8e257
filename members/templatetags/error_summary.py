"""The error summary at the top of every page whose form came back with problems."""

from django import template
from django.forms import BaseForm, BaseFormSet
from django.forms.forms import NON_FIELD_ERRORS
from django.utils.translation import gettext as _

register = template.Library()


def _forms(value: object) -> list[BaseForm]:
    # type(), not isinstance(): isinstance would evaluate lazy values such as csrf_token,
    # which sets a cookie on pages that have no form.
    if issubclass(type(value), BaseFormSet):
        return list(value.forms)
    if issubclass(type(value), BaseForm):
        return [value]
    return []


def _problems(form: BaseForm) -> list[dict[str, str]]:
    problems = []
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS or name not in form.fields:
            problems += [{"text": str(error), "href": ""} for error in errors]
            continue
        field = form[name]
        # Radio buttons and checkbox lists label their first option, not the group.
        target = field.id_for_label or f"{field.auto_id}_0"
        for error in errors:
            # Translators: a field's label, then what is wrong with it.
            text = _("%(label)s: %(error)s") % {"label": field.label, "error": error}
            problems.append({"text": text, "href": f"#{target}"})
    return problems


@register.inclusion_tag("_error_summary.html", takes_context=True)
def error_summary(context: template.Context) -> dict:
    """Every problem of every bound form in the page's context, each linking to its field."""
    problems: list[dict[str, str]] = []
    seen: set[int] = set()
    for value in context.flatten().values():
        for form in _forms(value):
            if form.is_bound and id(form) not in seen:
                seen.add(id(form))
                problems += _problems(form)
    return {"problems": problems}
