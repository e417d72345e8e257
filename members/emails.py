"""Rendering and queueing email. Every message becomes a django-post-office row in the
current transaction; a Celery worker delivers it after commit (see coalition/tasks.py)."""

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from post_office import mail
from post_office.models import Email


def render_email(name: str, context: dict) -> tuple[str, str, str]:
    """Subject, text body and HTML body from templates/emails/<name>_*.{txt,html}."""
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_ROOT": settings.SITE_ROOT, **context}
    subject = render_to_string(f"emails/{name}_subject.txt", context)
    # A newline in a subject would end the header (and could inject another).
    subject = " ".join(subject.split())
    text = render_to_string(f"emails/{name}_body.txt", context)
    try:
        html = get_template(f"emails/{name}_body.html").render(context)
    except TemplateDoesNotExist:
        html = ""
    return subject, text, html


def queue_email(
    *,
    name: str,
    to: list[str] | str,
    context: dict,
    headers: dict[str, str] | None = None,
    attachments: dict | None = None,
) -> Email:
    subject, text, html = render_email(name, context)
    return mail.send(
        recipients=[to] if isinstance(to, str) else to,
        subject=subject,
        message=text,
        html_message=html,
        headers=headers,
        attachments=attachments,
    )
