import datetime
import re
import secrets
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, models
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import dateformat, timezone

from members.models import Organization, State

# Strategy calls and days of action

# Plain names for the zones a US coalition is likely to run in; others show their key.
ZONE_NAMES = {
    "America/New_York": "Eastern Time",
    "America/Chicago": "Central Time",
    "America/Denver": "Mountain Time",
    "America/Phoenix": "Mountain Time",
    "America/Los_Angeles": "Pacific Time",
    "America/Anchorage": "Alaska Time",
    "Pacific/Honolulu": "Hawaii Time",
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
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        CANCELLED = "cancelled", "Cancelled"

    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField(
        "starts at", help_text="Entered and shown in the coalition's time zone, stored in UTC."
    )
    duration_minutes = models.PositiveSmallIntegerField("length in minutes", default=60)
    join_url = models.URLField("join link", blank=True)
    dial_in = models.TextField(
        "dial-in details", blank=True, help_text="Phone numbers and meeting code."
    )
    captions = models.BooleanField("live captions", default=False)
    asl = models.BooleanField("ASL interpretation", default=False)
    accessibility_notes = models.TextField(
        "other accessibility notes",
        blank=True,
        help_text="For example: slides sent ahead, breaks, how to ask for an accommodation.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    minutes = models.TextField("minutes of the call", blank=True)
    recording_url = models.URLField("recording link", blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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
        """'Tuesday, December 8, 2026, 2:00 PM to 3:00 PM Eastern Time (EST)'."""
        start = timezone.localtime(self.starts_at, coalition_zone())
        end = timezone.localtime(self.ends_at, coalition_zone())
        end_format = "g:i A" if end.date() == start.date() else "l, F j, g:i A"
        return (
            f"{dateformat.format(start, 'l, F j, Y, g:i A')} to "
            f"{dateformat.format(end, end_format)} {zone_label(start)}"
        )

    def clean(self) -> None:
        # A typo in the year (0026, 2206) would file the call where nobody looks for it.
        if self.starts_at is None:
            return
        earliest = datetime.datetime(2000, 1, 1, tzinfo=coalition_zone())
        latest = timezone.localtime(timezone.now() + datetime.timedelta(days=2 * 365))
        if not earliest <= self.starts_at <= latest:
            raise ValidationError(
                {"starts_at": f"Enter a date between January 1, 2000 and {latest:%B %-d, %Y}."}
            )

    def is_visible_to_members(self) -> bool:
        return self.status == self.Status.PUBLISHED or (
            self.status == self.Status.CANCELLED and self.published_at is not None
        )


class AgendaItem(models.Model):
    """One item of a call's agenda. Standing items repeat every month."""

    call = models.ForeignKey(StrategyCall, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    topic = models.CharField(max_length=200)
    presenter = models.CharField(max_length=200, blank=True)
    minutes_allotted = models.PositiveSmallIntegerField("minutes", null=True, blank=True)
    notes = models.TextField(blank=True)
    standing = models.BooleanField(
        "standing item", default=False, help_text="Copied to next month's call."
    )
    initiatives = models.ManyToManyField(
        "Initiative", blank=True, related_name="agenda_items", verbose_name="linked initiatives"
    )
    practices = models.ManyToManyField(
        "Practice",
        blank=True,
        related_name="agenda_items",
        help_text="Best practices discussed in this item. Partners see links to them.",
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
        verbose_name = "RSVP"
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

    class Meta:
        verbose_name_plural = "call attendance"
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
        PUBLISHED = "published", "Call published"
        AGENDA_UPDATED = "agenda_updated", "Agenda updated"
        CANCELLED = "cancelled", "Call cancelled"

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


class DayOfActionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def upcoming(self, today: datetime.date | None = None):
        return self.filter(date__gte=today or timezone.localdate()).order_by("date")


class DayOfAction(models.Model):
    """A national day of action partners can join."""

    title = models.CharField(max_length=200)
    date = models.DateField()
    what_to_do = models.TextField("what to do")
    link = models.URLField(blank=True)
    is_published = models.BooleanField("published", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DayOfActionQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = "day of action"
        verbose_name_plural = "days of action"

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


# Legislative initiatives

STATE_NAMES = dict(State.choices)
UNITED_STATES = "United States"


def normalize_bill_number(number: str) -> str:
    """ "H.B. 1234", "HB1234" and "hb 1234" all become "HB1234"."""
    return re.sub(r"[^0-9A-Z]", "", (number or "").upper())


def full_text_search(qs, text: str, *, fallback_fields: list[str], also: Q | None = None):
    """Full-text search on the stored `search_vector` on PostgreSQL, best match first; a
    plain substring match on `fallback_fields` on the SQLite demo. `also` widens the match."""
    text = text.strip()
    if not text:
        return qs
    also = also if also is not None else Q(pk__in=[])
    if connection.vendor != "postgresql":
        match = Q()
        for name in fallback_fields:
            match |= Q(**{f"{name}__icontains": text})
        return qs.filter(match | also)
    query = SearchQuery(text, search_type="websearch", config="english")
    return (
        qs.filter(Q(search_vector=query) | also)
        .annotate(rank=SearchRank("search_vector", query))
        .order_by("-rank", "-created_at", "-pk")
    )


def store_search_vector(qs, vector: SearchVector) -> None:
    # SQLite has no tsvector: the demo searches by substring instead.
    if connection.vendor == "postgresql":
        qs.update(search_vector=vector)


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
        CITY = "city", "City"
        COUNTY = "county", "County"
        STATE = "state", "State"
        FEDERAL = "federal", "Federal"

    class Status(models.TextChoices):
        INTRODUCED = "introduced", "Introduced"
        IN_COMMITTEE = "in_committee", "In committee"
        PASSED_ONE_CHAMBER = "passed_one_chamber", "Passed one chamber"
        PASSED = "passed", "Passed"
        ENACTED = "enacted", "Signed or enacted"
        VETOED = "vetoed", "Vetoed"
        FAILED = "failed", "Failed or withdrawn"
        UNKNOWN = "unknown", "Unknown"

    class Position(models.TextChoices):
        SUPPORT = "support", "Support"
        OPPOSE = "oppose", "Oppose"
        MONITOR = "monitor", "Monitor"
        NONE = "none", "None yet"

    class Priority(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    class ReviewState(models.TextChoices):
        REPORTED = "reported", "Reported, not yet verified"
        VERIFIED = "verified", "Verified by staff"
        CLOSED = "closed", "Closed"

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
        max_length=2, choices=State.choices, blank=True, help_text="Leave empty for federal."
    )
    jurisdiction = models.CharField(
        max_length=120,
        blank=True,
        help_text="The city or county name. For a state or federal bill you can leave it empty.",
    )
    bill_number = models.CharField("bill or ordinance number", max_length=60, blank=True)
    bill_number_normalized = models.CharField(max_length=60, blank=True, editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UNKNOWN)
    introduced_on = models.DateField("date introduced", null=True, blank=True)
    next_hearing_on = models.DateField("next hearing date", null=True, blank=True)
    summary = models.TextField(blank=True)
    source_url = models.URLField(
        "source link",
        max_length=500,
        blank=True,
        validators=[
            URLValidator(
                schemes=["http", "https"], message="Enter a web address starting with https://"
            )
        ],
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="initiatives")
    position = models.CharField(
        "coalition position", max_length=10, choices=Position.choices, default=Position.NONE
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
                violation_error_message="An initiative with this number already exists here.",
            ),
            models.CheckConstraint(
                condition=Q(introduced_on__isnull=True)
                | Q(next_hearing_on__isnull=True)
                | Q(next_hearing_on__gte=models.F("introduced_on")),
                name="campaigns_hearing_after_introduction",
                violation_error_message="The next hearing cannot be before the introduction.",
            ),
            models.CheckConstraint(
                condition=~Q(level__in=["city", "county"]) | ~Q(jurisdiction=""),
                name="campaigns_local_initiative_has_jurisdiction",
                violation_error_message="Name the city or county.",
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
            name: f"Enter a date between January 1, 1900 and {latest:%B %-d, %Y}."
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
        return UNITED_STATES
    if level == Initiative.Level.STATE:
        # A dict lookup: get_state_display() rebuilds the 51 choices on every call.
        return STATE_NAMES.get(state, state)
    return f"{jurisdiction}, {state}" if state else jurisdiction


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
        "position you suggest for the coalition",
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
    query = models.CharField("filters", max_length=500, blank=True)
    row_count = models.PositiveIntegerField()

    class Meta:
        ordering = ["-exported_at"]

    def __str__(self) -> str:
        return f"Export by {self.exported_by} at {self.exported_at:%Y-%m-%d %H:%M}"


# Best practices and coalition updates

https_only = URLValidator(
    schemes=["http", "https"], message="Enter a web address starting with https://"
)


class PracticeQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status=Practice.Status.ACCEPTED)

    def visible_to(self, organization: Organization | None):
        """Accepted practices, plus every one the organization wrote (drafts included).

        `None` stands for coalition staff, who see everything that was submitted.
        """
        if organization is None:
            return self.exclude(status=Practice.Status.DRAFT)
        return self.filter(Q(status=Practice.Status.ACCEPTED) | Q(organization=organization))

    def search(self, text: str):
        return full_text_search(
            self, text, fallback_fields=["title", "problem", "what_was_done", "results"]
        )

    def reindex(self) -> None:
        store_search_vector(
            self,
            SearchVector("title", weight="A", config="english")
            + SearchVector("problem", "jurisdiction", "population", weight="B", config="english")
            + SearchVector("what_was_done", "results", weight="C", config="english"),
        )


class Practice(models.Model):
    """Something that worked locally, shared by a partner so others can try it."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Waiting for staff review"
        CHANGES_REQUESTED = "changes_requested", "Staff asked for changes"
        ACCEPTED = "accepted", "Accepted and shared with partners"
        DECLINED = "declined", "Declined"

    # Partners may still change these; the others are decisions.
    EDITABLE = (Status.DRAFT, Status.CHANGES_REQUESTED)
    # What a partner fills in (besides topics); everything else is staff's.
    PARTNER_FIELDS = [
        "title",
        "problem",
        "what_was_done",
        "level",
        "state",
        "jurisdiction",
        "population",
        "results",
        "figures",
        "links",
        "name_publicly",
    ]
    OPEN_FOR_REVIEW = (Status.SUBMITTED,)

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="practices"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(max_length=200)
    problem = models.TextField("the problem it answers", blank=True)
    what_was_done = models.TextField("what you did", blank=True)
    level = models.CharField(max_length=10, choices=Initiative.Level.choices, blank=True)
    state = models.CharField(
        max_length=2, choices=State.choices, blank=True, help_text="Leave empty for federal."
    )
    jurisdiction = models.CharField("city or county", max_length=120, blank=True)
    population = models.CharField("people it serves", max_length=300, blank=True)
    results = models.TextField("results so far", blank=True)
    figures = models.TextField("results in numbers (optional)", blank=True)
    links = models.TextField("links (optional)", blank=True, help_text="One web address a line.")
    topics = models.ManyToManyField(Topic, blank=True, related_name="practices")
    name_publicly = models.BooleanField(
        "the coalition may name our organization publicly",
        default=False,
        help_text="Otherwise only partners of the coalition see who shared it.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    review_note = models.TextField("note or reason from staff", blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    view_count = models.PositiveIntegerField("views", default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_at", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["accepted", "declined"]) | Q(decided_at__isnull=False),
                name="campaigns_practice_decision_is_dated",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "decided_at"], name="campaigns_practice_status_idx"),
            models.Index(fields=["organization", "status"], name="campaigns_practice_org_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("campaigns:practice_detail", args=[self.pk])

    @property
    def is_accepted(self) -> bool:
        return self.status == self.Status.ACCEPTED

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    def place(self) -> str:
        if not self.level:
            return ""
        return Initiative(
            level=self.level, state=self.state, jurisdiction=self.jurisdiction
        ).place()

    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class PracticeTried(models.Model):
    """Another partner said it tried the practice too. One per organization."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="tried")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="practices_tried"
    )
    tried_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "“we tried this”"
        verbose_name_plural = "“we tried this” marks"
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "organization"], name="campaigns_one_tried_per_organization"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} tried {self.practice}"


class CoalitionUpdateQuerySet(models.QuerySet):
    def published(self, now: datetime.datetime | None = None):
        return self.filter(is_published=True, published_at__lte=now or timezone.now())


class CoalitionUpdate(models.Model):
    """A short piece of coalition news partners pass on to their own networks."""

    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Plain text; partners copy it into their newsletters.")
    link = models.URLField(max_length=500, blank=True, validators=[https_only])
    is_published = models.BooleanField("published", default=False)
    published_at = models.DateTimeField(
        "publish from",
        null=True,
        blank=True,
        help_text="Leave empty to publish now when you tick “published”.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CoalitionUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = "coalition update"
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
            parts += ["", f"Read more: {self.link}"]
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
    reach = models.PositiveIntegerField("people reached", null=True, blank=True)
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
