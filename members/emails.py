"""Rendering and queueing email. Every message becomes a django-post-office row in the
current transaction; a Celery worker delivers it after commit (see coalition/tasks.py)."""

from email.utils import make_msgid

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from post_office import mail
from post_office.models import STATUS, Email
from post_office.settings import get_message_id_enabled, get_message_id_fqdn
from post_office.signals import email_queued
from post_office.utils import parse_emails, parse_priority


def render_email(name: str, context: dict) -> tuple[str, str, str]:
    """Subject, text body and HTML body from templates/emails/<name>_*.{txt,html}.

    The subject and the text body are plain text, rendered without HTML escaping."""
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_ROOT": settings.SITE_ROOT, **context}
    subject = render_to_string(f"emails/{name}_subject.txt", context, using="text")
    # A newline in a subject would end the header (and could inject another).
    subject = " ".join(subject.split())
    text = render_to_string(f"emails/{name}_body.txt", context, using="text")
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


def queue_emails(messages: list[dict]) -> list[Email]:
    """Queue many emails in one INSERT: each dict holds queue_email's name, to, context, headers.

    The same rows as queue_email, and one delivery signal for the lot. Bodies are stored as
    rendered here (post_office's send would parse each rendered body again as a template).
    """
    emails = []
    with_id = get_message_id_enabled()
    for message in messages:
        subject, text, html = render_email(message["name"], message["context"])
        to = message["to"]
        emails.append(
            Email(
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=parse_emails([to] if isinstance(to, str) else to),
                subject=subject,
                message=text,
                html_message=html,
                headers=message.get("headers"),
                priority=parse_priority(None),
                status=STATUS.queued,
                message_id=make_msgid(domain=get_message_id_fqdn()) if with_id else None,
            )
        )
    if emails:
        Email.objects.bulk_create(emails)
        email_queued.send(sender=Email, emails=emails)
    return emails
