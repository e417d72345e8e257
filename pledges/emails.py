"""Pledge reminder emails and their signed one-click unsubscribe links."""

import calendar
import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import template_localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from members.models import Organization, StaffNewsPreference, User

from . import hooks
from .models import EmailPreference

UNSUBSCRIBE_SALT = "pledges.unsubscribe"
# Topic a one-click link turns off (topic_turn_off), and how pages name it.
UNSUBSCRIBE_TOPICS = {
    # Translators: the unsubscribe page reads "Stop <topic>?" and "We will stop sending <topic>".
    "reminders": _("monthly pledge reminders"),
    "call_emails": _("strategy call agendas and minutes"),
    "staff_news": _("news of what partners send, for coalition staff"),
    "updates": _("coalition updates by email"),
}
# Staff choose how often they hear of partners' news in the admin, not in email settings.
STAFF_NEWS_TOPIC = "staff_news"


def unsubscribe_token(user: User, topic: str = "reminders") -> str:
    return signing.dumps({"u": user.pk, "t": topic}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """(user id, topic) from a token, or None when it was forged or mangled."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return data.get("u"), data.get("t")


def unsubscribe_url(user: User, topic: str = "reminders") -> str:
    path = reverse("pledges:unsubscribe", args=[unsubscribe_token(user, topic)])
    return settings.SITE_ROOT + path


def unsubscribe_headers(user: User, topic: str) -> dict[str, str]:
    """RFC 8058 one-click unsubscribe from `topic` (an UNSUBSCRIBE_TOPICS key)."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(user, topic)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def topic_turn_off(user: User, topic: str) -> None:
    """Stop `user`'s mail of `topic`: an EmailPreference field, or staff news altogether."""
    if topic == STAFF_NEWS_TOPIC:
        StaffNewsPreference.objects.update_or_create(
            user=user, defaults={"frequency": StaffNewsPreference.Frequency.NONE}
        )
        return
    preference = EmailPreference.for_user(user)
    setattr(preference, topic, False)
    preference.save()


def topic_settings_url(topic: str) -> str:
    """Where a person turns `topic` back on."""
    if topic == STAFF_NEWS_TOPIC:
        return reverse("admin:members_staffnewspreference_mine")
    return reverse("pledges:email_preferences")


def _absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else settings.SITE_ROOT + url


def reminder_upcoming(first: datetime.date) -> list[dict]:
    """What still counts this month, with absolute links: the same for every reminder."""
    return [{**item, "url": _absolute(item["url"])} for item in hooks.upcoming(first)]


def reminder_context(
    *, first: datetime.date, stage: str, today: datetime.date, upcoming: list[dict]
) -> dict:
    """What every reminder of a sweep shares, formatted once: Django's date filter, seven
    times per email, cost as much as the rest of the rendering."""
    last_day = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    # Translators: date format, a day with its weekday ("Tuesday, May 19").
    day_format = pgettext("date format", "l, F j")
    return {
        "month_name": date_format(first, "F"),
        "month_label": date_format(first, "YEAR_MONTH_FORMAT"),
        "stage": stage,
        "days_left": (last_day - today).days + 1,
        "upcoming": [
            # As the filter would print it: in the current time zone.
            {**item, "when_label": date_format(template_localtime(item["when"]), day_format)}
            for item in upcoming
        ],
        "log_url": settings.SITE_ROOT + reverse("pledges:activity_new"),
        "preferences_url": settings.SITE_ROOT + reverse("pledges:email_preferences"),
    }


def reminder_message(*, user: User, organization: Organization, shared: dict) -> dict:
    """One reminder email for queue_emails (outbox.emails); `shared`: reminder_context."""
    return {
        "name": "pledge_reminder",
        "to": user.email,
        "language": user.language,
        "context": {
            **shared,
            "user": user,
            "organization": organization,
            "unsubscribe_url": unsubscribe_url(user, "reminders"),
        },
        "headers": unsubscribe_headers(user, "reminders"),
    }
