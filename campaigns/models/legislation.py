"""Legislative initiatives: topics, initiatives, their status history, reports and exports."""

import datetime
import re

from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Organization, State

from .common import full_text_search, store_search_vector

STATE_NAMES = dict(State.choices)
UNITED_STATES = "United States"


def normalize_bill_number(number: str) -> str:
    """ "H.B. 1234", "HB1234" and "hb 1234" all become "HB1234"."""
    return re.sub(r"[^0-9A-Z]", "", (number or "").upper())


class Topic(models.Model):
    """A fixed list of policy areas (seeded by a migration, editable in the admin)."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class InitiativeQuerySet(models.QuerySet):
    def visible_to(self, organization: Organization | None):
        """Verified initiatives, plus any the organization reported itself.

        `None` stands for coalition staff, who see everything.
        """
        if organization is None:
            return self
        ours = Report.objects.filter(initiative=OuterRef("pk"), organization=organization)
        return self.filter(Q(review_state=Initiative.ReviewState.VERIFIED) | Q(Exists(ours)))

    def with_report_count(self):
        return self.annotate(report_count=Count("reports", distinct=True))

    def search(self, text: str):
        number = normalize_bill_number(text.strip())
        by_number = Q(bill_number_normalized=number) if number else Q(pk__in=[])
        return full_text_search(self, text, fallback_fields=["title", "summary"], also=by_number)

    def reindex(self) -> None:
        """Refresh the stored search vector (PostgreSQL only; SQLite searches by substring)."""
        store_search_vector(
            self,
            SearchVector("title", weight="A", config="english")
            + SearchVector("bill_number", "bill_number_normalized", weight="A", config="english")
            + SearchVector("jurisdiction", weight="B", config="english")
            + SearchVector("summary", weight="C", config="english"),
        )


EARLIEST_BILL_DATE = datetime.date(1900, 1, 1)


class Initiative(models.Model):
    class Level(models.TextChoices):
        CITY = "city", pgettext_lazy("level of government", "City")
        COUNTY = "county", pgettext_lazy("level of government", "County")
        STATE = "state", pgettext_lazy("level of government", "State")
        FEDERAL = "federal", pgettext_lazy("level of government", "Federal")

    class Status(models.TextChoices):
        INTRODUCED = "introduced", pgettext_lazy("initiative status", "Introduced")
        IN_COMMITTEE = "in_committee", pgettext_lazy("initiative status", "In committee")
        PASSED_ONE_CHAMBER = (
            "passed_one_chamber",
            pgettext_lazy("initiative status", "Passed one chamber"),
        )
        PASSED = "passed", pgettext_lazy("initiative status", "Passed")
        ENACTED = "enacted", pgettext_lazy("initiative status", "Signed or enacted")
        VETOED = "vetoed", pgettext_lazy("initiative status", "Vetoed")
        FAILED = "failed", pgettext_lazy("initiative status", "Failed or withdrawn")
        UNKNOWN = "unknown", pgettext_lazy("initiative status", "Unknown")

    class Position(models.TextChoices):
        SUPPORT = "support", pgettext_lazy("coalition position", "Support")
        OPPOSE = "oppose", pgettext_lazy("coalition position", "Oppose")
        MONITOR = "monitor", pgettext_lazy("coalition position", "Monitor")
        NONE = "none", pgettext_lazy("coalition position", "None yet")

    class Priority(models.TextChoices):
        HIGH = "high", pgettext_lazy("priority", "High")
        MEDIUM = "medium", pgettext_lazy("priority", "Medium")
        LOW = "low", pgettext_lazy("priority", "Low")

    class ReviewState(models.TextChoices):
        REPORTED = "reported", pgettext_lazy("review state", "Reported, not yet verified")
        VERIFIED = "verified", pgettext_lazy("review state", "Verified by staff")
        CLOSED = "closed", pgettext_lazy("review state", "Closed")

    # What a member's report describes (besides topics); position and priority are staff's.
    REPORTED_FIELDS = [
        "title",
        "level",
        "state",
        "jurisdiction",
        "bill_number",
        "status",
        "introduced_on",
        "next_hearing_on",
        "summary",
        "source_url",
    ]

    title = models.CharField(max_length=300)
    level = models.CharField(max_length=10, choices=Level.choices)
    state = models.CharField(
        max_length=2, choices=State.choices, blank=True, help_text=_("Leave empty for federal.")
    )
    jurisdiction = models.CharField(
        max_length=120,
        blank=True,
        help_text=_("The city or county name. For a state or federal bill you can leave it empty."),
    )
    bill_number = models.CharField(_("bill or ordinance number"), max_length=60, blank=True)
    bill_number_normalized = models.CharField(max_length=60, blank=True, editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UNKNOWN)
    introduced_on = models.DateField(_("date introduced"), null=True, blank=True)
    next_hearing_on = models.DateField(_("next hearing date"), null=True, blank=True)
    summary = models.TextField(blank=True)
    source_url = models.URLField(
        _("source link"),
        max_length=500,
        blank=True,
        validators=[
            URLValidator(
                schemes=["http", "https"],
                message=_("Enter a web address starting with https://"),
            )
        ],
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="initiatives")
    position = models.CharField(
        _("coalition position"), max_length=10, choices=Position.choices, default=Position.NONE
    )
    priority = models.CharField(max_length=10, choices=Priority.choices, blank=True)
    review_state = models.CharField(
        max_length=10, choices=ReviewState.choices, default=ReviewState.REPORTED
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    # Kept up to date by the services (`InitiativeQuerySet.reindex`); GIN-indexed on PostgreSQL.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = InitiativeQuerySet.as_manager()
    # Who decided what and when (verification, merges, reviews), on the admin page.
    history = HistoricalRecords(excluded_fields=["updated_at", "search_vector"])

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "level",
                "state",
                Lower("jurisdiction"),
                "bill_number_normalized",
                condition=~Q(bill_number_normalized=""),
                name="campaigns_one_initiative_per_bill",
                violation_error_message=_("An initiative with this number already exists here."),
            ),
            models.CheckConstraint(
                condition=Q(introduced_on__isnull=True)
                | Q(next_hearing_on__isnull=True)
                | Q(next_hearing_on__gte=models.F("introduced_on")),
                name="campaigns_hearing_after_introduction",
                violation_error_message=_("The next hearing cannot be before the introduction."),
            ),
            models.CheckConstraint(
                condition=~Q(level__in=["city", "county"]) | ~Q(jurisdiction=""),
                name="campaigns_local_initiative_has_jurisdiction",
                violation_error_message=_("Name the city or county."),
            ),
        ]
        indexes = [
            models.Index(fields=["bill_number_normalized"], name="campaigns_bill_number_idx"),
            models.Index(fields=["review_state", "state"], name="campaigns_initiative_state_idx"),
            # The tracker's order: its first page reads 50 rows instead of sorting them all.
            models.Index(fields=["-created_at", "-id"], name="campaigns_initiative_new_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.bill_number} {self.title}" if self.bill_number else self.title

    def save(self, *args, **kwargs) -> None:
        # A derived column, not business logic: it must never disagree with bill_number.
        self.bill_number_normalized = normalize_bill_number(self.bill_number)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "bill_number" in update_fields:
            kwargs["update_fields"] = {*update_fields, "bill_number_normalized"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("campaigns:initiative_detail", args=[self.pk])

    def clean(self) -> None:
        # Bills are at most a century old and filed at most a year ahead; a hearing is
        # scheduled at most two years ahead. Anything else is a typo in the year.
        today = timezone.localdate()
        bounds = {
            "introduced_on": today + datetime.timedelta(days=365),
            "next_hearing_on": today + datetime.timedelta(days=2 * 365),
        }
        errors = {
            name: gettext("Enter a date between %(earliest)s and %(latest)s.")
            % {
                "earliest": date_format(EARLIEST_BILL_DATE, "DATE_FORMAT"),
                "latest": date_format(latest, "DATE_FORMAT"),
            }
            for name, latest in bounds.items()
            if getattr(self, name) is not None
            and not EARLIEST_BILL_DATE <= getattr(self, name) <= latest
        }
        if errors:
            raise ValidationError(errors)

    @property
    def is_verified(self) -> bool:
        return self.review_state == self.ReviewState.VERIFIED

    def place(self) -> str:
        """Where it applies, for people: "Boston, MA", "Texas", "United States"."""
        return place_name(self.level, self.state, self.jurisdiction)


def place_name(level: str, state: str, jurisdiction: str) -> str:
    """`Initiative.place()` from the bare fields, for rows read with `values()`."""
    if level == Initiative.Level.FEDERAL:
        return gettext("United States")  # for people; UNITED_STATES is what is stored
    if level == Initiative.Level.STATE:
        # A dict lookup: get_state_display() rebuilds the 51 choices on every call.
        return str(STATE_NAMES.get(state, state))
    return f"{jurisdiction}, {state}" if state else jurisdiction


# The note on the first step of an initiative a partner reported: stored in English, shown
# in the reader's language (other notes are staff's own words, shown as typed).
REPORTED_NOTE = "Reported"


class InitiativeStatusChange(models.Model):
    """One dated step in an initiative's status history."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=Initiative.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Initiative.Status.choices)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display() or 'New'} → {self.get_to_status_display()}"

    def note_display(self) -> str:
        if self.note == REPORTED_NOTE:
            return pgettext("status change note", "Reported")
        return self.note


class Report(models.Model):
    """An organization told the coalition about an initiative. One per organization."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="reports")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="legislative_reports"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    suggested_position = models.CharField(
        _("position you suggest for the coalition"),
        max_length=10,
        choices=Initiative.Position.choices,
        default=Initiative.Position.NONE,
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "organization"], name="campaigns_one_report_per_organization"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} reported {self.initiative}"


class InitiativeExport(models.Model):
    """Who exported the tracker as CSV, when, and with which filters."""

    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    exported_at = models.DateTimeField(default=timezone.now)
    query = models.CharField(_("filters"), max_length=500, blank=True)
    row_count = models.PositiveIntegerField()

    class Meta:
        ordering = ["-exported_at"]

    def __str__(self) -> str:
        return f"Export by {self.exported_by} at {self.exported_at:%Y-%m-%d %H:%M}"
