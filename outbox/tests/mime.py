"""Reading sent messages the way a mail client does: as bytes, with Python's `email` package."""

from email import message_from_bytes, policy
from email.message import Message

from django.core.mail import EmailMessage
from icalendar import Calendar


def parse(message: EmailMessage) -> Message:
    """Parsed as a current mail client would: folded headers read as one line."""
    return message_from_bytes(message.message().as_bytes(), policy=policy.default)


def shape(part: Message) -> str | tuple:
    """The MIME tree: "text/plain", or ("multipart/alternative", [children...])."""
    if part.is_multipart():
        return part.get_content_type(), [shape(child) for child in part.get_payload()]
    return part.get_content_type()


def calendar_text(message: EmailMessage) -> tuple[str | None, str]:
    """The `method=` and the text of a message's one text/calendar part, as sent."""
    [part] = [p for p in parse(message).walk() if p.get_content_type() == "text/calendar"]
    return part.get_param("method"), part.get_content()


def calendar_part(message: EmailMessage) -> tuple[str | None, Calendar]:
    """The `method=` and the calendar of a message's one text/calendar part."""
    method, text = calendar_text(message)
    return method, Calendar.from_ical(text)
