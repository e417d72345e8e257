"""Recruiting credit: the partner that referred an approved organization kept its
"build capacity" pledge for that month."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from members.models import Organization, PartnershipApplication
from members.services import organization_admins
from outbox.emails import queue_email_to_people

from .models import Activity
from .services import activity_credit, activity_uncredit


def referral_credit(*, application: PartnershipApplication, organization: Organization) -> None:
    """Credit the referring partner, citing the new organization, and thank its admins.

    Runs inside the approval's transaction; the credit's unique source makes it once."""
    referrer = application.referred_by
    if referrer is None or referrer.status != Organization.Status.ACTIVE:
        return
    source_type = ContentType.objects.get_for_model(organization)
    if Activity.objects.filter(source_type=source_type, source_id=organization.pk).exists():
        return
    activity_credit(
        organization=referrer,
        on=timezone.localdate(),
        kind=Activity.Kind.RECRUITING,
        source=organization,
        summary=f"Recruited {organization.name} to the coalition.",
    )
    admins = organization_admins(referrer)
    if admins:
        queue_email_to_people(
            name="referral_thanks",
            people=admins,
            context={
                "referrer": referrer,
                "organization": organization,
                "org_link": settings.SITE_ROOT + reverse("members:org_profile"),
            },
        )


def referral_uncredit(sender, instance: Organization, **kwargs) -> None:
    """post_delete of an organization: take back the recruiting credit it gave."""
    activity_uncredit(source=instance)


def referral_table(months: list[datetime.date]) -> dict | None:
    """For the coalition-health page: organizations approved on a partner's referral."""
    if not months:
        return None
    rows = (
        Activity.objects.filter(
            kind=Activity.Kind.RECRUITING,
            source_type__app_label="members",
            source_type__model="organization",
            occurred_on__gte=months[0],
        )
        .annotate(first=TruncMonth("occurred_on"))
        .values("first")
        .annotate(count=Count("pk"))
        .order_by()
    )
    by_month = {row["first"]: row["count"] for row in rows}
    return {
        "heading": gettext("Organizations recruited by partners"),
        "caption": gettext("Applications approved on a partner's referral, per month"),
        "columns": [gettext("Month"), gettext("Referrals approved")],
        "rows": [
            [date_format(first, "YEAR_MONTH_FORMAT"), by_month.get(first, 0)] for first in months
        ],
    }
