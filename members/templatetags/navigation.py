"""The menu's links: one line each in templates/_nav.html, marked when they are the page shown."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_item(context: template.Context, name: str, label: str, link_class: str = "nav-link") -> str:
    """`<li><a>` to the URL named `name`, with `active` and aria-current on the current page."""
    request = context.get("request")
    match = request.resolver_match if request else None
    current = match is not None and match.view_name == name
    return format_html(
        '<li><a class="{}{}" href="{}"{}>{}</a></li>',
        link_class,
        " active" if current else "",
        reverse(name),
        mark_safe(' aria-current="page"') if current else "",  # noqa: S308 (a constant)
        label,
    )
