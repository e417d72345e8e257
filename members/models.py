import datetime
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy
from simple_history.models import HistoricalRecords

INVITATION_LIFETIME = datetime.timedelta(days=14)


def new_token() -> str:
    return secrets.token_urlsafe(32)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in by email; usernames are not used."""

    username = None
    first_name = None
    last_name = None
    name = models.CharField(_("full name"), max_length=150, blank=True)
    pronouns = models.CharField(max_length=40, blank=True)
    email = models.EmailField(_("email address"), unique=True)
    # The language of this person's pages, emails, reminders and calendar files. Set at
    # sign-up from the language they were reading, and by the language switch.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


class Session(AbstractBaseSession):
    """A browser's session, with the person signed in on it as a column of its own: a
    person's sessions are found (and end with the account) without decoding every session."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="sessions"
    )

    @classmethod
    def get_session_store_class(cls):
        from .sessions import SessionStore

        return SessionStore


class State(models.TextChoices):
    """US states, DC and territories, by postal code."""

    AL = "AL", _("Alabama")
    AK = "AK", _("Alaska")
    AZ = "AZ", _("Arizona")
    AR = "AR", _("Arkansas")
    CA = "CA", _("California")
    CO = "CO", _("Colorado")
    CT = "CT", _("Connecticut")
    DE = "DE", _("Delaware")
    DC = "DC", _("District of Columbia")
    FL = "FL", _("Florida")
    GA = "GA", _("Georgia")
    HI = "HI", _("Hawaii")
    ID = "ID", _("Idaho")
    IL = "IL", _("Illinois")
    IN = "IN", _("Indiana")
    IA = "IA", _("Iowa")
    KS = "KS", _("Kansas")
    KY = "KY", _("Kentucky")
    LA = "LA", _("Louisiana")
    ME = "ME", _("Maine")
    MD = "MD", _("Maryland")
    MA = "MA", _("Massachusetts")
    MI = "MI", _("Michigan")
    MN = "MN", _("Minnesota")
    MS = "MS", _("Mississippi")
    MO = "MO", _("Missouri")
    MT = "MT", _("Montana")
    NE = "NE", _("Nebraska")
    NV = "NV", _("Nevada")
    NH = "NH", _("New Hampshire")
    NJ = "NJ", _("New Jersey")
    NM = "NM", _("New Mexico")
    NY = "NY", _("New York")
    NC = "NC", _("North Carolina")
    ND = "ND", _("North Dakota")
    OH = "OH", _("Ohio")
    OK = "OK", _("Oklahoma")
    OR = "OR", _("Oregon")
    PA = "PA", _("Pennsylvania")
    RI = "RI", _("Rhode Island")
    SC = "SC", _("South Carolina")
    SD = "SD", _("South Dakota")
    TN = "TN", _("Tennessee")
    TX = "TX", _("Texas")
    UT = "UT", _("Utah")
    VT = "VT", _("Vermont")
    VA = "VA", _("Virginia")
    WA = "WA", _("Washington")
    WV = "WV", _("West Virginia")
    WI = "WI", _("Wisconsin")
    WY = "WY", _("Wyoming")
    AS = "AS", _("American Samoa")
    GU = "GU", _("Guam")
    MP = "MP", _("Northern Mariana Islands")
    PR = "PR", _("Puerto Rico")
    VI = "VI", _("U.S. Virgin Islands")


class OrganizationType(models.TextChoices):
    ADVOCACY = "advocacy", _("Advocacy group")
    PROVIDER = "provider", _("Service provider")
    PEER_RUN = "peer_run", _("Peer-run organization")
    UNION = "union", _("Union or professional association")
    AGENCY = "agency", _("City or county agency")
    RESEARCH = "research", _("Research or academic")
    COMMUNITY = "community", _("Faith or community group")
    OTHER = "other", _("Other")


# The seeded focus areas (migration 0003), named here for the translation catalogue: each
# reads in the reader's language, and a name staff add later shows as they typed it.
SEEDED_FOCUS_AREA_NAMES = (
    pgettext_lazy("focus area", "Research"),
    pgettext_lazy("focus area", "Recovery"),
    pgettext_lazy("focus area", "Peer support"),
    pgettext_lazy("focus area", "Crisis services and 988"),
    pgettext_lazy("focus area", "Youth"),
    pgettext_lazy("focus area", "Housing"),
    pgettext_lazy("focus area", "Workforce"),
    pgettext_lazy("focus area", "Criminal-legal diversion"),
    pgettext_lazy("focus area", "Substance use"),
    pgettext_lazy("focus area", "Parity"),
    pgettext_lazy("focus area", "Other"),
)


class FocusArea(models.Model):
    """A fixed list that staff can edit in the admin (seeded by a migration)."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return pgettext("focus area", self.name)


class OrganizationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Organization.Status.ACTIVE)

    def listed(self):
        return self.active().filter(listed_in_directory=True)


class Organization(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        SUSPENDED = "suspended", _("Suspended")

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    type = models.CharField(max_length=20, choices=OrganizationType.choices)
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)
    city = models.CharField(max_length=100, blank=True)
    county = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, choices=State.choices)
    focus_areas = models.ManyToManyField(FocusArea, blank=True, related_name="organizations")
    network_size = models.PositiveIntegerField(
        _("people its membership network reaches"), default=0
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    joined_on = models.DateField()
    listed_in_directory = models.BooleanField(_("listed in the public directory"), default=False)
    # The language of what the organization writes (its description, reports, practices):
    # pages in the other language mark those passages with it.
    language = models.CharField(
        _("language your organization writes in"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Screen readers use it to read your organization's own texts aloud."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("name"), name="members_organization_name_ci_unique"
            ),
        ]
        indexes = [models.Index(fields=["status", "state"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class Membership(models.Model):
    """A person's place in one organization. A person belongs to at most one."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Admin")
        MEMBER = "member", _("Member")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="membership")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    receives_reminders = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization", "user__email"]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.organization})"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


def default_invitation_expiry():
    return timezone.now() + INVITATION_LIFETIME


class Invitation(models.Model):
    """A single-use invitation by email to join an organization with a role."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    role = models.CharField(max_length=10, choices=Membership.Role.choices, default="member")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=default_invitation_expiry)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("email"),
                "organization",
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="members_one_open_invitation_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} to {self.organization}"

    def is_usable(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class PartnershipApplication(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        NEEDS_INFO = "needs_info", _("Needs more information")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN_STATUSES = (Status.SUBMITTED, Status.NEEDS_INFO)

    # NULL once the applicant deleted their account; the organization keeps its record.
    applicant = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="applications"
    )
    name = models.CharField(_("organization name"), max_length=200)
    type = models.CharField(
        _("type of organization"), max_length=20, choices=OrganizationType.choices
    )
    description = models.TextField(_("what your organization does"))
    website = models.URLField(blank=True)
    city = models.CharField(max_length=100, blank=True)
    county = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, choices=State.choices)
    focus_areas = models.ManyToManyField(FocusArea, blank=True, related_name="+")
    network_size = models.PositiveIntegerField(_("people your membership network reaches"))
    reason = models.TextField(_("why you would like to partner"))
    pledge_build_capacity = models.BooleanField(default=False)
    pledge_engage = models.BooleanField(default=False)
    pledge_advocate = models.BooleanField(default=False)
    pledge_advise = models.BooleanField(default=False)
    listed_in_directory = models.BooleanField(_("list us in the public directory"), default=True)
    referred_by = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("referred by a partner"),
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    reviewer = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reason given to the applicant"), blank=True)
    staff_notes = models.TextField(_("staff notes (never shown to the applicant)"), blank=True)
    organization = models.OneToOneField(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant"],
                condition=models.Q(status__in=["submitted", "needs_info"]),
                name="members_one_open_application_per_person",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    pledge_build_capacity=True,
                    pledge_engage=True,
                    pledge_advocate=True,
                    pledge_advise=True,
                ),
                name="members_application_makes_all_four_pledges",
            ),
        ]
        indexes = [models.Index(fields=["status", "state"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class OrganizationExport(models.Model):
    """Who downloaded the organizations CSV, and when: the export holds contact details."""

    exported_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    exported_at = models.DateTimeField(auto_now_add=True)
    row_count = models.PositiveIntegerField()

    class Meta:
        ordering = ["-exported_at"]

    def __str__(self) -> str:
        return f"{self.row_count} organizations on {self.exported_at:%Y-%m-%d %H:%M}"


class StaffNewsPreference(models.Model):
    """How one staff person hears of what partners send: applications, reports, practices."""

    class Frequency(models.TextChoices):
        EACH = "each", _("Each one as it comes")
        DAILY = "daily", _("One daily digest")
        NONE = "none", _("No emails")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="staff_news")
    frequency = models.CharField(
        _("news of what partners send"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.EACH,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("staff news preference")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_frequency_display()}"


class StaffDigest(models.Model):
    """One daily digest per staff person and day: the row claims it before the email goes."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    item_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="members_one_staff_digest_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.day}"


class PartnershipChange(models.Model):
    """Staff paused or resumed a partnership: who, when and why. The reason is shared with
    the partner's admins, kindly worded."""

    class Change(models.TextChoices):
        PAUSE = "pause", _("Pause the partnership")
        RESUME = "resume", _("Resume the partnership")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="partnership_changes"
    )
    change = models.CharField(max_length=10, choices=Change.choices)
    reason = models.TextField(help_text=_("Shared with the organization's admins in the email."))
    changed_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("partnership pause or resumption")
        verbose_name_plural = _("partnership pauses and resumptions")

    def __str__(self) -> str:
        return f"{self.get_change_display()}: {self.organization}"
