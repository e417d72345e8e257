"""Days of action and the organizations that took part."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Organization


class DayOfActionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def upcoming(self, today: datetime.date | None = None):
        return self.filter(date__gte=today or timezone.localdate()).order_by("date")


class DayOfAction(models.Model):
    """A national day of action partners can join."""

    title = models.CharField(max_length=200)
    date = models.DateField()
    what_to_do = models.TextField(_("what to do"))
    link = models.URLField(blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DayOfActionQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("day of action")
        verbose_name_plural = _("days of action")

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%b %-d, %Y})"

    def get_absolute_url(self) -> str:
        return reverse("campaigns:days_of_action") + f"#day-{self.pk}"

    def can_record(self, today: datetime.date | None = None) -> bool:
        """Taking part can be recorded from the day itself, not before."""
        return self.is_published and self.date <= (today or timezone.localdate())


class DayOfActionParticipation(models.Model):
    """An organization took part in a day of action; it credits that month's pledge."""

    day = models.ForeignKey(DayOfAction, on_delete=models.CASCADE, related_name="participations")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="day_of_action_participations"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "organization"], name="campaigns_one_participation_per_org"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} took part in {self.day}"
