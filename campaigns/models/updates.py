"""Coalition updates and the partners that passed them on."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from members.models import Organization

from .common import https_only


class CoalitionUpdateQuerySet(models.QuerySet):
    def published(self, now: datetime.datetime | None = None):
        return self.filter(is_published=True, published_at__lte=now or timezone.now())


class CoalitionUpdate(models.Model):
    """A short piece of coalition news partners pass on to their own networks."""

    title = models.CharField(max_length=200)
    body = models.TextField(help_text=_("Plain text; partners copy it into their newsletters."))
    link = models.URLField(max_length=500, blank=True, validators=[https_only])
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(
        _("publish from"),
        null=True,
        blank=True,
        help_text=_("Leave empty to publish now when you tick “published”."),
    )
    send_by_email = models.BooleanField(
        _("also email it"),
        default=False,
        help_text=_(
            "Email it once, when it is published, to everyone who did not turn "
            "coalition update emails off."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CoalitionUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("coalition update")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False),
                name="campaigns_published_update_is_dated",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("campaigns:update_detail", args=[self.pk])

    def plain_text(self) -> str:
        """What a partner pastes into a newsletter."""
        parts = [self.title, "", self.body.strip()]
        if self.link:
            parts += ["", gettext("Read more: %(link)s") % {"link": self.link}]
        return "\n".join(parts)


class UpdateShare(models.Model):
    """A partner passed an update on to its network; it credits that month's pledge."""

    update = models.ForeignKey(CoalitionUpdate, on_delete=models.CASCADE, related_name="shares")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="update_shares"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reach = models.PositiveIntegerField(_("people reached"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["update", "organization"], name="campaigns_one_share_per_organization"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} shared {self.update}"
