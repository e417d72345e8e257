"""Rendering and queueing email. Every message becomes a django-post-office row in the
current transaction; a Celery worker delivers it after commit (outbox/tasks.py).

Each email is written in its recipients' language: a message names it (a person's
`language`), or it is the language active when it is queued (the person acting, on a page).

The rows are created here with the rendered text, never through post_office's `mail.send`,
which would parse the subject and bodies as templates again: a name typed as
"Care {% network %}" would fail, and "{{ ... }}" or "{% debug %}" in it would be evaluated.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from email.utils import make_msgid

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation
from post_office.models import STATUS, Email
from post_office.settings import get_message_id_enabled, get_message_id_fqdn
from post_office.signals import email_queued
from post_office.utils import parse_emails, parse_priority

from .models import MailCalendar
from .suppression import suppressed_among


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


def recipients(message: dict) -> list[str]:
    to = message["to"]
    return [to] if isinstance(to, str) else list(to)


def is_bulk(message: dict) -> bool:
    """Mail the person did not ask for by an action of their own carries an unsubscribe."""
    return "List-Unsubscribe" in (message.get("headers") or {})


def queue_email(
    *,
    name: str,
    to: list[str] | str,
    context: dict,
    headers: dict[str, str] | None = None,
    language: str | None = None,
) -> Email | None:
    """Queue one email rendered from the `name` templates; see queue_emails. None when it
    is bulk mail whose every recipient is suppressed."""
    message = {"name": name, "to": to, "context": context, "headers": headers, "language": language}
    emails = queue_emails([message])
    return emails[0] if emails else None


def queue_email_to_people(
    *, name: str, people: Iterable, context: dict, headers: dict[str, str] | None = None
) -> list[Email]:
    """One email per language among `people` (Users), each sent to all who read it."""
    addresses = defaultdict(list)
    for person in people:
        addresses[person.language].append(person.email)
    return queue_emails(
        [
            {"name": name, "to": to, "context": context, "headers": headers, "language": language}
            for language, to in addresses.items()
        ]
    )


def queue_emails(
    messages: list[dict], *, calendar: Callable[[], MailCalendar] | None = None
) -> list[Email]:
    """Queue many emails in one INSERT: each dict holds a template `name`, `to` (an address
    or a list), a `context`, optional `headers` and an optional `language` (else the active
    one).

    `calendar` makes an unsaved MailCalendar; it is called once per language among the
    emails queued, in that language, stored once and attached to each of those emails at
    delivery. One delivery signal for the lot.

    Bulk mail (a message with a List-Unsubscribe header) is never queued to an address
    suppressed after a hard bounce: such a message loses that recipient, or is left out.
    """
    emails = []
    languages = defaultdict(list)
    with_id = get_message_id_enabled()
    skip = suppressed_among(
        address for message in messages if is_bulk(message) for address in recipients(message)
    )
    for message in messages:
        to = recipients(message)
        if is_bulk(message):
            to = [address for address in to if address.lower() not in skip]
            if not to:
                continue
        language = message.get("language") or translation.get_language()
        with translation.override(language):
            subject, text, html = render_email(message["name"], message["context"])
        email = Email(
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=parse_emails(to),
            subject=subject,
            message=text,
            html_message=html,
            headers=message.get("headers"),
            priority=parse_priority(None),
            status=STATUS.queued,
            message_id=make_msgid(domain=get_message_id_fqdn()) if with_id else None,
        )
        emails.append(email)
        languages[language].append(email)
    if emails:
        Email.objects.bulk_create(emails)
        if calendar is not None:
            for language, written in languages.items():
                with translation.override(language):
                    attachment = calendar()
                attachment.save()
                attachment.emails.add(*written)
        email_queued.send(sender=Email, emails=emails)
    return emails
