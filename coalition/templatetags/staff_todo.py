"""The admin start page's to-do list: what waits for staff across the apps."""

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Initiative, Practice, StrategyCall
from members.models import PartnershipApplication, StaffNewsPreference, User
from outbox.models import MailHandoff

register = template.Library()


@dataclass(frozen=True)
class Todo:
    label: str
    count: int
    url: str
    link_text: str


def _url(name: str, query: str) -> str:
    return f"{reverse(name)}?{query}"


@register.simple_tag
def staff_todo() -> list[Todo]:
    """One row per kind of waiting work, with how many wait and a link to them."""
    return [
        Todo(
            "Applications waiting for a decision",
            PartnershipApplication.objects.filter(
                status=PartnershipApplication.Status.SUBMITTED
            ).count(),
            _url("admin:members_partnershipapplication_changelist", "status__exact=submitted"),
            "Review applications",
        ),
        Todo(
            "Legislative reports waiting for verification",
            Initiative.objects.filter(review_state=Initiative.ReviewState.REPORTED).count(),
            _url("admin:campaigns_initiative_changelist", "review_state__exact=reported"),
            "Verify reports",
        ),
        Todo(
            "Practices waiting for review",
            Practice.objects.filter(status=Practice.Status.SUBMITTED).count(),
            _url("admin:campaigns_practice_changelist", "status__exact=submitted"),
            "Review practices",
        ),
        Todo(
            "Emails needing attention",
            MailHandoff.objects.exclude(state=MailHandoff.State.SENDING).count(),
            reverse("admin:outbox_mailhandoff_changelist"),
            "Check emails",
        ),
        Todo(
            "Calls to publish",
            StrategyCall.objects.filter(
                status=StrategyCall.Status.DRAFT, starts_at__gte=timezone.now()
            ).count(),
            _url("admin:campaigns_strategycall_changelist", "status__exact=draft"),
            "Publish calls",
        ),
    ]


@register.simple_tag
def staff_news_choice(user: User) -> str:
    """How `user` hears of partners' news, as the start page says it."""
    preference = StaffNewsPreference.objects.filter(user=user).first()
    return (preference or StaffNewsPreference()).get_frequency_display()
