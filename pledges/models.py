import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from members.models import Organization


def month(day: datetime.date | datetime.datetime) -> datetime.date:
    """The pledge month holding `day`: its first day, in the coalition's time zone."""
    if isinstance(day, datetime.datetime):
        day = timezone.localdate(day)
    return day.replace(day=1)


def next_month(first: datetime.date) -> datetime.date:
    return (first + datetime.timedelta(days=32)).replace(day=1)


class ActivityQuerySet(models.QuerySet):
    def in_month(self, first: datetime.date):
        return self.filter(occurred_on__gte=first, occurred_on__lt=next_month(first))


class Activity(models.Model):
    """One coalition activity an organization took part in; one is enough for a month."""

    class Kind(models.TextChoices):
        STRATEGY_CALL = "strategy_call", _("Monthly strategy call")
        DAY_OF_ACTION = "day_of_action", _("National day of action")
        LEGISLATIVE_AGENDA = "legislative_agenda", _("Shaping the legislative agenda")
        IMPLEMENTATION = "implementation", _("Implementation discussion")
        RECRUITING = "recruiting", _("Recruiting an organization")
        SHARING_INFO = "sharing_info", _("Sharing coalition information with our network")
        BEST_PRACTICE = "best_practice", _("Sharing a best practice")
        LEGISLATIVE_REPORT = "legislative_report", _("Reporting a legislative initiative")
        OTHER = "other", pgettext_lazy("activity type", "Other")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    occurred_on = models.DateField(_("date"))
    summary = models.TextField(_("what was done"))
    link = models.URLField(blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Set when another part of the portal credited this activity (call attendance, a
    # verified report...): what credited it. A source credits once.
    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "-created_at"]
        verbose_name_plural = _("activities")
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id"], name="pledges_one_credit_per_source"
            ),
            models.CheckConstraint(
                condition=models.Q(source_type__isnull=True, source_id__isnull=True)
                | models.Q(source_type__isnull=False, source_id__isnull=False),
                name="pledges_source_is_whole_or_absent",
            ),
        ]
        indexes = [models.Index(fields=["organization", "occurred_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_on}"

    @property
    def is_credit(self) -> bool:
        return self.source_type_id is not None

    def clean(self) -> None:
        # The member's form allows this month and last; staff may record older ones here,
        # but never one in the future or from before the coalition's records begin.
        if self.occurred_on is None:
            return
        if not datetime.date(2000, 1, 1) <= self.occurred_on <= timezone.localdate():
            raise ValidationError(
                {"occurred_on": gettext("Enter a date between January 1, 2000 and today.")}
            )


class PledgePause(models.Model):
    """Staff excused an organization for a month; it keeps the streak."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="pauses")
    month = models.DateField(help_text=_("The first day of the excused month."))
    reason = models.TextField()
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "month"], name="pledges_one_pause"),
            models.CheckConstraint(
                condition=models.Q(month__day=1), name="pledges_pause_month_is_first_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} excused for {self.month:%B %Y}"


class Reminder(models.Model):
    """One reminder stage for one organization and month.

    The row is written before any email is queued, in the same transaction; the unique
    constraint is what claims the unit, so two sweeps can never send a stage twice.
    """

    class Stage(models.TextChoices):
        FIRST = "first", _("First reminder")
        LAST = "last", _("Last reminder")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="reminders"
    )
    month = models.DateField(help_text=_("The first day of the pledge month."))
    stage = models.CharField(max_length=10, choices=Stage.choices)
    recipients = models.TextField(blank=True, help_text=_("Who it went to, one address a line."))
    emails = models.ManyToManyField("post_office.Email", blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "month", "stage"], name="pledges_one_reminder_per_stage"
            ),
            models.CheckConstraint(
                condition=models.Q(month__day=1), name="pledges_reminder_month_is_first_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} for {self.organization}, {self.month:%B %Y}"


class EmailPreference(models.Model):
    """What a person agreed to receive. No row means the defaults: everything on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preference"
    )
    reminders = models.BooleanField(_("monthly pledge reminders"), default=True)
    call_emails = models.BooleanField(_("strategy call agendas and minutes"), default=True)
    updates = models.BooleanField(_("coalition updates by email"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Email preferences of {self.user}"

    @classmethod
    def for_user(cls, user) -> "EmailPreference":
        """The person's preferences, unsaved defaults when they never chose."""
        return cls.objects.filter(user=user).first() or cls(user=user)


class PledgeExport(models.Model):
    """Who downloaded the pledge grid CSV, when, and with which filters."""

    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    exported_at = models.DateTimeField(auto_now_add=True)
    query = models.CharField(_("filters"), max_length=500, blank=True)
    row_count = models.PositiveIntegerField()

    class Meta:
        ordering = ["-exported_at"]

    def __str__(self) -> str:
        return f"{self.row_count} organizations on {self.exported_at:%Y-%m-%d %H:%M}"


class PauseRequest(models.Model):
    """A partner admin asked to be excused for one or more months; staff decide."""

    class Reason(models.TextChoices):
        STAFF_LEAVE = "staff_leave", _("Staff leave or a gap in staffing")
        CRISIS = "crisis", _("A crisis or emergency")
        CAPACITY = "capacity", _("Too little capacity for now")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the staff")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="pause_requests"
    )
    first_month = models.DateField(
        _("from"), help_text=_("The first day of the first month asked for.")
    )
    month_count = models.PositiveSmallIntegerField(_("months"), default=1)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    details = models.TextField(_("anything you would like us to know"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("note to the partner"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("excused-month request")
        constraints = [
            models.UniqueConstraint(
                fields=["organization"],
                condition=models.Q(status="pending"),
                name="pledges_one_pending_pause_request",
            ),
            models.CheckConstraint(
                condition=models.Q(first_month__day=1), name="pledges_request_month_is_first_day"
            ),
            models.CheckConstraint(
                condition=models.Q(month_count__gte=1, month_count__lte=6),
                name="pledges_request_one_to_six_months",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization}: {self.months_label()}"

    def months(self) -> list[datetime.date]:
        months, cursor = [], self.first_month
        for _step in range(self.month_count):
            months.append(cursor)
            cursor = next_month(cursor)
        return months

    def months_label(self) -> str:
        months = self.months()
        first, last = (date_format(m, "YEAR_MONTH_FORMAT") for m in (months[0], months[-1]))
        if len(months) == 1:
            return first
        return gettext("%(first)s to %(last)s") % {"first": first, "last": last}


class CareEmail(models.Model):
    """The one warm email an organization gets when it falls behind (two months missed in a
    row). One per episode: the unique constraint on the episode's first missed month claims
    it, so two sweeps at once send it once."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="care_emails"
    )
    episode_start = models.DateField(help_text=_("The first day of the first month missed."))
    recipients = models.TextField(blank=True, help_text=_("Who it went to, one address a line."))
    emails = models.ManyToManyField("post_office.Email", blank=True, related_name="+")
    follow_up = models.TextField(_("staff follow-up"), blank=True)
    created_at = models.DateTimeField(_("written to"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("care email")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "episode_start"], name="pledges_one_care_email_per_episode"
            ),
        ]

    def __str__(self) -> str:
        return f"Care email to {self.organization} ({self.created_at:%B %-d, %Y})"
