"""Emails owed after the fact: a call's minutes, the day-before call reminder, a coalition
update sent by email. Each row is the claim: written before the emails are queued, in
their transaction, so a task or sweep that runs twice sends nothing twice."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .calls import StrategyCall
from .updates import CoalitionUpdate


class CallMinutesEmail(models.Model):
    """Staff asked to email a call's minutes: once per call."""

    call = models.OneToOneField(
        StrategyCall, on_delete=models.CASCADE, related_name="minutes_email"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    recipient_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("minutes email")

    def __str__(self) -> str:
        return f"Minutes of {self.call}"


class CallReminder(models.Model):
    """The day-before reminder of a call to one person who said they will attend."""

    call = models.ForeignKey(StrategyCall, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    email = models.ForeignKey(
        "post_office.Email", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("call reminder")
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="campaigns_one_call_reminder"),
        ]

    def __str__(self) -> str:
        return f"Reminder of {self.call} to {self.user}"


class UpdateEmailing(models.Model):
    """A coalition update sent by email: once per update."""

    update = models.OneToOneField(
        CoalitionUpdate, on_delete=models.CASCADE, related_name="emailing"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    recipient_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("update email")

    def __str__(self) -> str:
        return f"Email of {self.update}"
