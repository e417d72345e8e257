"""Who among the staff hears of what partners send, and how often."""

from django.db.models import Q, QuerySet

from .models import StaffNewsPreference, User


def staff_news_recipients(frequency: str) -> QuerySet[User]:
    """Active staff who chose `frequency`; staff who never chose get each item as it comes."""
    chose = Q(staff_news__frequency=frequency)
    if frequency == StaffNewsPreference.Frequency.EACH:
        chose |= Q(staff_news__isnull=True)
    return User.objects.filter(chose, is_staff=True, is_active=True).order_by("email")
