"""Best practices partners share, and the partners that tried them."""

from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from members.models import Organization, State

from .common import full_text_search, store_search_vector
from .legislation import Initiative, Topic


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
        DRAFT = "draft", pgettext_lazy("practice status", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("practice status", "Waiting for staff review")
        CHANGES_REQUESTED = (
            "changes_requested",
            pgettext_lazy("practice status", "Staff asked for changes"),
        )
        ACCEPTED = "accepted", pgettext_lazy("practice status", "Accepted and shared with partners")
        DECLINED = "declined", pgettext_lazy("practice status", "Declined")

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
    problem = models.TextField(_("the problem it answers"), blank=True)
    what_was_done = models.TextField(_("what you did"), blank=True)
    level = models.CharField(max_length=10, choices=Initiative.Level.choices, blank=True)
    state = models.CharField(
        max_length=2, choices=State.choices, blank=True, help_text=_("Leave empty for federal.")
    )
    jurisdiction = models.CharField(_("city or county"), max_length=120, blank=True)
    population = models.CharField(_("people it serves"), max_length=300, blank=True)
    results = models.TextField(_("results so far"), blank=True)
    figures = models.TextField(_("results in numbers (optional)"), blank=True)
    links = models.TextField(
        _("links (optional)"), blank=True, help_text=_("One web address a line.")
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="practices")
    name_publicly = models.BooleanField(
        _("the coalition may name our organization publicly"),
        default=False,
        help_text=_("Otherwise only partners of the coalition see who shared it."),
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    review_note = models.TextField(_("note or reason from staff"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    view_count = models.PositiveIntegerField(_("views"), default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PracticeQuerySet.as_manager()
    # Who decided what and when (verification, merges, reviews), on the admin page.
    history = HistoricalRecords(excluded_fields=["updated_at", "search_vector", "view_count"])

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
        verbose_name = _("“we tried this”")
        verbose_name_plural = _("“we tried this” marks")
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "organization"], name="campaigns_one_tried_per_organization"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} tried {self.practice}"
