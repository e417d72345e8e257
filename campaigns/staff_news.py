"""News for staff of what partners send: each item as it comes, or one digest a day.

Applications are members' own news (members.services tells staff as they arrive); this
module adds legislative reports and practices, and composes the daily digest, which needs
all three.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import PartnershipApplication, StaffDigest, StaffNewsPreference, User
from members.staff_news import staff_news_recipients
from outbox.emails import queue_email, queue_emails
from pledges.emails import STAFF_NEWS_TOPIC, unsubscribe_headers, unsubscribe_url

from .models import Practice, Report

Frequency = StaffNewsPreference.Frequency


@dataclass(frozen=True)
class NewsItem:
    kind: str  # lazy: translated when each staff email is rendered
    title: str
    source: str
    admin_url: str


def _admin_url(name: str, pk: int) -> str:
    return settings.SITE_ROOT + reverse(f"admin:{name}_change", args=[pk])


def report_item(report: Report) -> NewsItem:
    return NewsItem(
        _("Legislative report"),
        report.initiative.title,
        report.organization.name,
        _admin_url("campaigns_initiative", report.initiative_id),
    )


def practice_item(practice: Practice) -> NewsItem:
    return NewsItem(
        _("Practice for review"),
        practice.title,
        practice.organization.name,
        _admin_url("campaigns_practice", practice.pk),
    )


def application_item(application: PartnershipApplication) -> NewsItem:
    return NewsItem(
        _("Partnership application"),
        application.name,
        application.get_state_display(),
        _admin_url("members_partnershipapplication", application.pk),
    )


def staff_news_footer(user: User) -> dict[str, str]:
    """Context for the footer of a staff news email: where to change the choice, how to stop."""
    return {
        "choice_url": settings.SITE_ROOT + reverse("admin:members_staffnewspreference_mine"),
        "unsubscribe_url": unsubscribe_url(user, STAFF_NEWS_TOPIC),
    }


def staff_news_send(*, item: NewsItem) -> None:
    """Queue an email about `item` to each staff person who wants each item as it comes."""
    queue_emails(
        [
            {
                "name": "staff_news_item",
                "to": user.email,
                "language": user.language,
                "context": {"item": item, **staff_news_footer(user)},
                "headers": unsubscribe_headers(user, STAFF_NEWS_TOPIC),
            }
            for user in staff_news_recipients(Frequency.EACH)
        ]
    )


def news_between(start: datetime.datetime, end: datetime.datetime) -> list[NewsItem]:
    """What partners sent in [start, end): applications, reports, practices."""
    applications = PartnershipApplication.objects.filter(
        submitted_at__gte=start, submitted_at__lt=end
    ).order_by("submitted_at")
    reports = (
        Report.objects.filter(created_at__gte=start, created_at__lt=end)
        .select_related("initiative", "organization")
        .order_by("created_at")
    )
    practices = (
        Practice.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
        .select_related("organization")
        .order_by("submitted_at")
    )
    return [
        *(application_item(a) for a in applications),
        *(report_item(r) for r in reports),
        *(practice_item(p) for p in practices),
    ]


def digest_window(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The digest of `day` covers the day before, in the coalition's time zone."""
    end = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
    return end - datetime.timedelta(days=1), end


def staff_digest_send(*, user: User, day: datetime.date, items: list[NewsItem]) -> bool:
    """Claim `user`'s digest of `day` and queue it. False when nothing is new or it was sent."""
    if not items:
        return False
    try:
        with transaction.atomic():
            StaffDigest.objects.create(user=user, day=day, item_count=len(items))
            queue_email(
                name="staff_digest",
                to=user.email,
                language=user.language,
                context={"items": items, "day": day, "recipient": user, **staff_news_footer(user)},
                headers=unsubscribe_headers(user, STAFF_NEWS_TOPIC),
            )
    except IntegrityError:
        return False  # another run claimed it first
    return True


def staff_digests_send(*, day: datetime.date) -> int:
    """Every daily-digest reader's digest of `day`, once each. Returns how many were queued."""
    items = news_between(*digest_window(day))
    readers = staff_news_recipients(Frequency.DAILY)
    return sum(staff_digest_send(user=user, day=day, items=items) for user in readers)
