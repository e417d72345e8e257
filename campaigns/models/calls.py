"""Strategy calls: the call, its agenda, RSVPs, attendance, announcements, the calendar feed."""

import datetime
import secrets
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Organization

# Plain names for the zones a US coalition is likely to run in; others show their key.
ZONE_NAMES = {
    "America/New_York": _("Eastern Time"),
    "America/Chicago": _("Central Time"),
    "America/Denver": _("Mountain Time"),
    "America/Phoenix": _("Mountain Time"),
    "America/Los_Angeles": _("Pacific Time"),
    "America/Anchorage": _("Alaska Time"),
    "Pacific/Honolulu": _("Hawaii Time"),
}


def coalition_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def zone_label(local: datetime.datetime) -> str:
    """'Eastern Time (EST)': the zone named in words and by its abbreviation at that moment."""
    return f"{ZONE_NAMES.get(settings.TIME_ZONE, settings.TIME_ZONE)} ({local.tzname()})"


class StrategyCallQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=StrategyCall.Status.PUBLISHED)

    def for_members(self):
        """What partners may see: published calls, and cancelled ones they were told about."""
        return self.filter(
            models.Q(status=StrategyCall.Status.PUBLISHED)
            | models.Q(status=StrategyCall.Status.CANCELLED, published_at__isnull=False)
        )

    def upcoming(self, now: datetime.datetime | None = None):
        # A call stays "upcoming" while it may still be under way.
        now = now or timezone.now()
        return self.filter(starts_at__gte=now - datetime.timedelta(hours=2)).order_by("starts_at")

    def past(self, now: datetime.datetime | None = None):
        now = now or timezone.now()
        return self.filter(starts_at__lt=now - datetime.timedelta(hours=2)).order_by("-starts_at")


class StrategyCall(models.Model):
    """The monthly strategy call: when, how to join, and its agenda."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("call status", "Draft")
        PUBLISHED = "published", pgettext_lazy("call status", "Published")
        CANCELLED = "cancelled", pgettext_lazy("call status", "Cancelled")

    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField(
        _("starts at"),
        help_text=_("Entered and shown in the coalition's time zone, stored in UTC."),
    )
    duration_minutes = models.PositiveSmallIntegerField(_("length in minutes"), default=60)
    join_url = models.URLField(_("join link"), blank=True)
    dial_in = models.TextField(
        _("dial-in details"), blank=True, help_text=_("Phone numbers and meeting code.")
    )
    captions = models.BooleanField(_("live captions"), default=False)
    asl = models.BooleanField(_("ASL interpretation"), default=False)
    accessibility_notes = models.TextField(
        _("other accessibility notes"),
        blank=True,
        help_text=_("For example: slides sent ahead, breaks, how to ask for an accommodation."),
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    minutes = models.TextField(_("minutes of the call"), blank=True)
    recording_url = models.URLField(_("recording link"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # iCalendar SEQUENCE: raised with each change partners are emailed about, so calendar
    # apps take the update or the cancellation (campaigns/services/calls.py).
    sequence = models.PositiveIntegerField(_("calendar revision"), default=0, editable=False)

    objects = StrategyCallQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gt=0), name="campaigns_call_has_length"
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%b %-d, %Y})"

    def get_absolute_url(self) -> str:
        return reverse("campaigns:call_detail", args=[self.pk])

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def local_date(self) -> datetime.date:
        return timezone.localtime(self.starts_at, coalition_zone()).date()

    def when_display(self) -> str:
        """'Tuesday, December 8, 2026, 2:00 PM to 3:00 PM Eastern Time (EST)', in the active
        language ('martes 8 de diciembre de 2026, 14:00 a 15:00, hora del Este (EST)')."""
        start = timezone.localtime(self.starts_at, coalition_zone())
        end = timezone.localtime(self.ends_at, coalition_zone())
        if end.date() == start.date():
            end_format = "TIME_FORMAT"
        else:
            # Translators: when a call ends on another day than it starts.
            end_format = pgettext("date format", "l, F j, g:i A")
        # Translators: a call's time: "Tuesday, December 8, 2026, 2:00 PM to 3:00 PM Eastern
        # Time (EST)".
        return gettext("%(start)s to %(end)s %(zone)s") % {
            "start": date_format(start, pgettext("date format", "l, F j, Y, g:i A")),
            "end": date_format(end, end_format),
            "zone": zone_label(start),
        }

    def clean(self) -> None:
        # A typo in the year (0026, 2206) would file the call where nobody looks for it.
        if self.starts_at is None:
            return
        earliest = datetime.datetime(2000, 1, 1, tzinfo=coalition_zone())
        latest = timezone.localtime(timezone.now() + datetime.timedelta(days=2 * 365))
        if not earliest <= self.starts_at <= latest:
            dates = {
                "earliest": date_format(earliest.date(), "DATE_FORMAT"),
                "latest": date_format(latest.date(), "DATE_FORMAT"),
            }
            raise ValidationError(
                {"starts_at": gettext("Enter a date between %(earliest)s and %(latest)s.") % dates}
            )

    def is_visible_to_members(self) -> bool:
        return self.status == self.Status.PUBLISHED or (
            self.status == self.Status.CANCELLED and self.published_at is not None
        )


class AgendaItem(models.Model):
    """One item of a call's agenda. Standing items repeat every month."""

    call = models.ForeignKey(StrategyCall, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(default=0, help_text=_("Lower numbers come first."))
    topic = models.CharField(max_length=200)
    presenter = models.CharField(max_length=200, blank=True)
    minutes_allotted = models.PositiveSmallIntegerField(
        pgettext_lazy("length of an agenda item", "minutes"), null=True, blank=True
    )
    notes = models.TextField(blank=True)
    standing = models.BooleanField(
        _("standing item"), default=False, help_text=_("Copied to next month's call.")
    )
    drafted_from = models.CharField(
        _("drafted from"),
        max_length=300,
        blank=True,
        help_text=_("Where the portal took this item from. Staff only; keep, move or delete it."),
    )
    initiatives = models.ManyToManyField(
        "Initiative", blank=True, related_name="agenda_items", verbose_name=_("linked initiatives")
    )
    practices = models.ManyToManyField(
        "Practice",
        blank=True,
        related_name="agenda_items",
        help_text=_("Best practices discussed in this item. Partners see links to them."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return f"{self.call.get_absolute_url()}#agenda-{self.pk}"


class CallRSVP(models.Model):
    """Whether a person plans to come to a call."""

    call = models.ForeignKey(StrategyCall, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    attending = models.BooleanField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("RSVP")
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="campaigns_one_rsvp_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {'will attend' if self.attending else 'will not attend'} {self.call}"


class CallAttendance(models.Model):
    """An organization took part in a call; it credits that month's pledge."""

    call = models.ForeignKey(StrategyCall, on_delete=models.CASCADE, related_name="attendances")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="call_attendances"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Attendance credits pledges: who added or removed an organization, and when.
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = _("call attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "organization"], name="campaigns_one_attendance_per_org"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} attended {self.call}"


class CallAnnouncement(models.Model):
    """An email owed about a call to every partner. The row claims the send: it is sent
    once, in the transaction that sets `sent_at`. Each "agenda updated" request is a new
    row with the next sequence number; publication is always sequence 0."""

    class Kind(models.TextChoices):
        PUBLISHED = "published", _("Call published")
        AGENDA_UPDATED = "agenda_updated", _("Agenda updated")
        RESCHEDULED = "rescheduled", _("Time changed")
        CANCELLED = "cancelled", _("Call cancelled")

    call = models.ForeignKey(StrategyCall, on_delete=models.CASCADE, related_name="announcements")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sequence = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    recipient_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "kind", "sequence"], name="campaigns_one_announcement_each"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.call}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedToken(models.Model):
    """A person's private calendar-feed address. Deleting the row turns the feed off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"
