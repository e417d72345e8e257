"""Form markup written in Python where the templates loop per attribute or per option.

Django's widget templates include `attrs.html` for every widget and an option template for
every <option> or checkbox; at ~20 us a loop step, a 50-state select cost more than the rest
of its page. These produce the markup of Django's templates (django/forms/widgets/), byte for
byte, and of crispy-bootstrap5's checkbox lists, for the overrides in
templates/django/forms/widgets/ and templates/bootstrap5/.
"""

import html

from crispy_forms.templatetags.crispy_forms_filters import optgroups
from django import template
from django.template.base import render_value_in_context
from django.utils import formats
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# The stock option templates, and the newlines their files end with (kept, so the markup is
# byte for byte the same): checkbox_option.html includes input_option.html, which includes
# input.html.
SELECT_OPTION = "django/forms/widgets/select_option.html"
ERRORS_BLOCK = "bootstrap5/layout/field_errors_block.html"
INPUT_OPTIONS = {
    "django/forms/widgets/input_option.html": "\n",
    "django/forms/widgets/checkbox_option.html": "\n\n",
    "django/forms/widgets/radio_option.html": "\n\n",
}


def _escape(value, autoescape: bool = True) -> str:
    """`{{ value|stringformat:'s' }}`; html.escape is what Django's escape() calls."""
    if not autoescape:
        return str(value)
    # A plain str is the common case; conditional_escape costs 2 us on its own.
    return html.escape(value) if type(value) is str else conditional_escape(value)


def _text(value, context) -> str:
    """`{{ value }}`: localized, then escaped."""
    if type(value) is str and context.autoescape:
        return html.escape(value)
    return render_value_in_context(value, context)


def _attrs(attrs: dict, autoescape: bool = True) -> str:
    """django/forms/widgets/attrs.html: False drops an attribute, True writes its name only."""
    return "".join(
        f" {_escape(name, autoescape)}"
        if value is True
        else f' {_escape(name, autoescape)}="{_escape(value, autoescape)}"'
        for name, value in attrs.items()
        if value is not False
    )


@register.filter(needs_autoescape=True)
def attrs(attrs: dict, autoescape: bool = True) -> SafeString:
    return mark_safe(_attrs(attrs, autoescape))  # noqa: S308 (each part is escaped)


def _option(context, option: dict) -> str:
    """One option as its own template renders it: the stock ones here, others through theirs."""
    name = option["template_name"]
    autoescape = context.autoescape
    if name == SELECT_OPTION:
        value = _escape(option["value"], autoescape)
        label = _text(option["label"], context)
        return f'<option value="{value}"{_attrs(option["attrs"], autoescape)}>{label}</option>\n'
    if name in INPUT_OPTIONS:
        tag = f'<input type="{_text(option["type"], context)}"'
        tag += f' name="{_text(option["name"], context)}"'
        if option["value"] is not None:  # ChoiceWidget.optgroups makes a None value ""
            tag += f' value="{_escape(option["value"], autoescape)}"'
        tag += f"{_attrs(option['attrs'], autoescape)}>\n"
        if option["wrap_label"]:
            id_ = option["attrs"].get("id")
            for_ = f' for="{_text(id_, context)}"' if id_ else ""
            tag = f"<label{for_}>{tag} {_text(option['label'], context)}</label>"
        return tag + INPUT_OPTIONS[name]
    with context.push(widget=option):
        return context.template.engine.get_template(name).render(context)


@register.simple_tag(takes_context=True)
def select_options(context, optgroups) -> SafeString:
    """What django/forms/widgets/select.html writes between <select> and </select>."""
    parts = []
    for group_name, options, _index in optgroups:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name, context)}">')
        parts.extend(f"\n  {_option(context, option)}" for option in options)
        if group_name:
            parts.append("\n  </optgroup>")
    return mark_safe("".join(parts))  # noqa: S308


@register.simple_tag(takes_context=True)
def input_options(context, optgroups) -> SafeString:
    """What django/forms/widgets/multiple_input.html writes inside its <div>."""
    parts = []
    for group, options, _index in optgroups:
        if group:
            parts.append(f"\n  <div><label>{_text(group, context)}</label>")
        parts.extend(f"<div>\n    {_option(context, option)}</div>" for option in options)
        if group:
            parts.append("\n  </div>")
    return mark_safe("".join(parts))  # noqa: S308


def _unlocalized(value, context) -> str:
    """`{{ value|unlocalize }}`."""
    return _text(str(formats.localize(value, use_l10n=False)), context)


@register.simple_tag(takes_context=True)
def check_options(context, field, inline_class="") -> SafeString:
    """The checkboxes or radio buttons of bootstrap5/layout/radio_checkbox_select.html."""
    groups = optgroups(field)
    errors = field.errors
    div = '<div class="form-check{}">'.format(" form-check-inline" if inline_class else "")
    input_class = "form-check-input is-invalid" if errors else "form-check-input"
    name = _text(field.html_name, context)
    autoescape = context.autoescape
    parts = []
    for group_number, (group, options, _index) in enumerate(groups, 1):
        if group:
            parts.append(f"<strong>{_text(group, context)}</strong>")
        for number, option in enumerate(options, 1):
            parts.append(
                f'{div}\n<input type="{_text(option["type"], context)}" class="{input_class}"'
                f' name="{name}" value="{_unlocalized(option["value"], context)}"'
                f"{_attrs(option['attrs'], autoescape)}>\n"
                f'<label for="{_text(option["attrs"].get("id", ""), context)}"'
                f' class="form-check-label">{_unlocalized(option["label"], context)}</label>\n'
            )
            last = number == len(options) and group_number == len(groups)
            if errors and last and not inline_class:  # inline options have them after the list
                errors_block = context.template.engine.get_template(ERRORS_BLOCK)
                parts.append(errors_block.render(context))
            parts.append("</div>\n")
    return mark_safe("".join(parts))  # noqa: S308
