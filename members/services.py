"""Writes that touch several rows or send mail. Views and the admin call only these."""

from collections.abc import Iterable
from email.utils import parseaddr

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from outbox.emails import queue_email, queue_email_to_people

from . import hooks
from .models import (
    INVITATION_LIFETIME,
    FocusArea,
    Invitation,
    Membership,
    Organization,
    PartnershipApplication,
    PartnershipChange,
    StaffNewsPreference,
    User,
)
from .staff_news import staff_news_recipients

Status = PartnershipApplication.Status


class MembersError(Exception):
    """A rule of the coalition stopped the action; the message is shown to the person."""


class ApplicationAlreadyDecided(MembersError):
    pass


class LastAdminError(MembersError):
    pass


class InvitationError(MembersError):
    pass


def _staff_to_tell() -> list[User]:
    """Staff who want each new application as it comes (members.staff_news)."""
    return list(staff_news_recipients(StaffNewsPreference.Frequency.EACH))


def organization_admins(organization: Organization) -> list[User]:
    """The organization's active admins: who is written to about the organization."""
    return list(
        User.objects.filter(
            is_active=True,
            membership__organization=organization,
            membership__role=Membership.Role.ADMIN,
        ).order_by("email")
    )


def _link(name: str, *args) -> str:
    return settings.SITE_ROOT + reverse(name, args=args)


def _notify_staff(application: PartnershipApplication, *, resubmitted: bool) -> None:
    staff = _staff_to_tell()
    if staff:
        queue_email_to_people(
            name="application_new",
            people=staff,
            context={
                "application": application,
                "resubmitted": resubmitted,
                "admin_link": _link("admin:members_partnershipapplication_change", application.pk),
            },
        )


@transaction.atomic
def application_submit(
    *, application: PartnershipApplication, applicant: User, focus_areas: Iterable[FocusArea]
) -> PartnershipApplication:
    """Save a new application, confirm it to the applicant and tell every staff member."""
    if PartnershipApplication.objects.filter(
        applicant=applicant, status__in=PartnershipApplication.OPEN_STATUSES
    ).exists():
        raise MembersError(_("You already have an application in progress."))
    application.applicant = applicant
    application.status = Status.SUBMITTED
    application.submitted_at = timezone.now()
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        # Two tabs submitting at once: the one-open-application constraint keeps one.
        raise MembersError(_("You already have an application in progress.")) from None
    application.focus_areas.set(focus_areas)
    queue_email(
        name="application_received",
        to=applicant.email,
        language=applicant.language,
        context={"application": application, "status_link": _link("members:apply_status")},
    )
    _notify_staff(application, resubmitted=False)
    return application


@transaction.atomic
def application_resubmit(
    *, application: PartnershipApplication, focus_areas: Iterable[FocusArea]
) -> PartnershipApplication:
    """The applicant answered a request for more information by editing the application."""
    locked = PartnershipApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status != Status.NEEDS_INFO:
        raise ApplicationAlreadyDecided(_("This application is not waiting for more information."))
    application.status = Status.SUBMITTED
    application.save()
    application.focus_areas.set(focus_areas)
    _notify_staff(application, resubmitted=True)
    return application


@transaction.atomic
def application_withdraw(*, application: PartnershipApplication) -> PartnershipApplication:
    locked = PartnershipApplication.objects.select_for_update().get(pk=application.pk)
    if not locked.is_open:
        raise ApplicationAlreadyDecided(_("This application has already been decided."))
    locked.status = Status.WITHDRAWN
    locked.save()
    return locked


def _lock_open(application: PartnershipApplication, *, statuses) -> PartnershipApplication:
    """Lock the row so two staff deciding at once decide once: the second sees the first."""
    locked = PartnershipApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status not in statuses:
        with translation.override("en"):  # staff decide in the admin, which stays English
            status = locked.get_status_display().lower()
        raise ApplicationAlreadyDecided(f"{locked.name} is already {status}.")
    return locked


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "organization"
    slug, n = base, 2
    while Organization.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def application_approve(
    *, application: PartnershipApplication, reviewer: User, note: str = ""
) -> Organization:
    """Create the active organization, make the applicant its admin and email the decision.

    `note` is an optional word to the applicant, kept as the reason given to them.
    """
    app = _lock_open(application, statuses=PartnershipApplication.OPEN_STATUSES)
    if Organization.objects.filter(name__iexact=app.name).exists():
        raise MembersError(f"A partner named {app.name} already exists.")
    if Membership.objects.filter(user=app.applicant_id).exists():
        raise MembersError(f"{app.applicant} already belongs to a partner organization.")
    org = Organization.objects.create(
        name=app.name,
        slug=_unique_slug(app.name),
        type=app.type,
        description=app.description,
        website=app.website,
        city=app.city,
        county=app.county,
        state=app.state,
        network_size=app.network_size,
        status=Organization.Status.ACTIVE,
        joined_on=timezone.localdate(),
        listed_in_directory=app.listed_in_directory,
        language=app.applicant.language,
    )
    org.focus_areas.set(app.focus_areas.all())
    Membership.objects.create(user=app.applicant, organization=org, role=Membership.Role.ADMIN)
    _decide(app, status=Status.APPROVED, reviewer=reviewer, reason=note, organization=org)
    hooks.application_approved(application=app, organization=org)
    queue_email(
        name="application_approved",
        to=app.applicant.email,
        language=app.applicant.language,
        context={"application": app, "org_link": _link("members:org_profile")},
    )
    return org


@transaction.atomic
def application_decline(
    *, application: PartnershipApplication, reviewer: User, reason: str
) -> PartnershipApplication:
    if not reason.strip():
        raise MembersError("Please give the applicant a reason.")
    app = _lock_open(application, statuses=PartnershipApplication.OPEN_STATUSES)
    _decide(app, status=Status.DECLINED, reviewer=reviewer, reason=reason)
    queue_email(
        name="application_declined",
        to=app.applicant.email,
        language=app.applicant.language,
        context={"application": app},
    )
    return app


@transaction.atomic
def application_request_info(
    *, application: PartnershipApplication, reviewer: User, reason: str
) -> PartnershipApplication:
    if not reason.strip():
        raise MembersError("Please tell the applicant what you need to know.")
    app = _lock_open(application, statuses=[Status.SUBMITTED])
    app.status = Status.NEEDS_INFO
    app.reviewer = reviewer
    app.decision_reason = reason.strip()
    app._history_user = reviewer
    app.save()
    queue_email(
        name="application_needs_info",
        to=app.applicant.email,
        language=app.applicant.language,
        context={"application": app, "apply_link": _link("members:apply")},
    )
    return app


def _decide(app, *, status, reviewer, reason, organization=None) -> None:
    app.status = status
    app.reviewer = reviewer
    app.decided_at = timezone.now()
    app.decision_reason = reason.strip()
    app.organization = organization
    app._history_user = reviewer
    app.save()


# --- People and invitations -----------------------------------------------------------


def organization_lock(organization: Organization) -> Organization:
    """Every change to who is an admin locks the organization row first, so two admins
    demoting each other at the same moment cannot leave it with none."""
    return Organization.objects.select_for_update().get(pk=organization.pk)


def _other_admins(membership: Membership) -> int:
    return (
        Membership.objects.filter(
            organization=membership.organization_id, role=Membership.Role.ADMIN
        )
        .exclude(pk=membership.pk)
        .count()
    )


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str) -> Membership:
    organization_lock(membership.organization)
    current = Membership.objects.select_related("user").get(pk=membership.pk)
    if role != Membership.Role.ADMIN and current.is_admin and not _other_admins(current):
        raise LastAdminError(
            _("Your organization needs at least one admin. Make someone else an admin first.")
        )
    current.role = role
    current.save(update_fields=["role"])
    return current


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    organization_lock(membership.organization)
    current = Membership.objects.get(pk=membership.pk)
    if current.is_admin and not _other_admins(current):
        raise LastAdminError(
            _("This is your organization's only admin. Make someone else an admin first.")
        )
    current.delete()


def organizations_left_without_admin(*, user_ids: Iterable[int]) -> list[str]:
    """Names of the partner organizations (active or paused) whose every admin is among
    `user_ids`: deleting those people would leave each with nobody to look after it."""
    admins = Membership.objects.filter(role=Membership.Role.ADMIN, organization=OuterRef("pk"))
    return list(
        Organization.objects.filter(
            status__in=[Organization.Status.ACTIVE, Organization.Status.PAUSED]
        )
        .filter(Exists(admins.filter(user__in=user_ids)))
        .exclude(Exists(admins.exclude(user__in=user_ids)))
        .order_by("name")
        .values_list("name", flat=True)
    )


@transaction.atomic
def users_delete_by_staff(*, user_ids: list[int]) -> None:
    """Staff delete people in the admin. As on the team page, the organizations are locked
    first, so a change of admins at the same moment cannot leave one with none."""
    list(
        Organization.objects.filter(memberships__user__in=user_ids)
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    if names := organizations_left_without_admin(user_ids=user_ids):
        raise LastAdminError(
            f"{', '.join(names)} would be left without an admin. Make someone else an admin first."
        )
    User.objects.filter(pk__in=user_ids).delete()


def membership_set_reminders(*, membership: Membership, receives: bool) -> Membership:
    membership.receives_reminders = receives
    membership.save(update_fields=["receives_reminders"])
    return membership


def _send_invitation(invitation: Invitation) -> None:
    queue_email(
        name="invitation",
        to=invitation.email,
        context={
            "invitation": invitation,
            "link": _link("members:invitation", invitation.token),
        },
    )


@transaction.atomic
def invitation_create(
    *, organization: Organization, email: str, role: str, invited_by: User
) -> Invitation:
    email = email.strip().lower()
    if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise InvitationError(_("This person is already part of your organization."))
    if organization.invitations.filter(
        email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).exists():
        raise InvitationError(
            _("This person already has an invitation. You can send it again below.")
        )
    invitation = Invitation.objects.create(
        organization=organization,
        email=email,
        role=role,
        invited_by=invited_by,
        last_sent_at=timezone.now(),
    )
    _send_invitation(invitation)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation) -> Invitation:
    """Send it again with a fresh 14 days."""
    if invitation.accepted_at or invitation.revoked_at:
        raise InvitationError(_("This invitation has already been used or cancelled."))
    now = timezone.now()
    invitation.expires_at = now + INVITATION_LIFETIME
    invitation.last_sent_at = now
    invitation.save(update_fields=["expires_at", "last_sent_at"])
    _send_invitation(invitation)
    return invitation


def invitation_revoke(*, invitation: Invitation) -> Invitation:
    Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    invitation.refresh_from_db()
    return invitation


def _has_address(user: User, email: str) -> bool:
    from allauth.account.models import EmailAddress

    return user.email.lower() == email.lower() or (
        EmailAddress.objects.filter(user=user, verified=True)
        .filter(Q(email__iexact=email))
        .exists()
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Single use: the row is locked, checked and marked used in one transaction."""
    locked = (
        Invitation.objects.select_for_update().select_related("organization").get(pk=invitation.pk)
    )
    if not locked.is_usable():
        raise InvitationError(
            _("This invitation can no longer be used. Ask your organization's admin for a new one.")
        )
    if not _has_address(user, locked.email):
        raise InvitationError(
            _(
                "This invitation was sent to %(email)s. "
                "Please sign in with that address to accept it."
            )
            % {"email": locked.email}
        )
    if Membership.objects.filter(user=user).exists():
        raise InvitationError(
            _(
                "You already belong to a partner organization. "
                "A person can be part of one organization on this site."
            )
        )
    membership = Membership.objects.create(
        user=user, organization=locked.organization, role=locked.role
    )
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    return membership


# --- A person's own data: download and deletion -----------------------------------------


def user_personal_data(*, user: User) -> dict:
    """Everything the portal keeps about the person, from every app that registered."""
    from . import personal_data

    data: dict = {"exported_at": timezone.now().isoformat()}
    for provider in personal_data.providers():
        data.update(provider(user))
    return data


def user_delete_blocker(*, user: User) -> str:
    """Why the account cannot be deleted yet (empty when it can)."""
    membership = Membership.objects.filter(user=user).select_related("organization").first()
    if membership and membership.is_admin and not _other_admins(membership):
        return _(
            "You are the only admin of %(organization)s, so your organization would be left "
            "without anyone to look after it. Please make a teammate an admin first, or write "
            "to the coalition staff and they will help."
        ) % {"organization": membership.organization}
    return ""


def _emails_to(addresses: set[str]) -> list[int]:
    """Ids of the queued or sent emails that have one of `addresses` (lower case) among
    their recipients. post_office keeps each recipient list as comma-separated text, so
    the database narrows down by substring and each list is then compared exactly."""
    from post_office.models import Email

    query = Q()
    for address in addresses:
        query |= Q(to__icontains=address) | Q(cc__icontains=address) | Q(bcc__icontains=address)
    return [
        email.pk
        for email in Email.objects.filter(query).only("to", "cc", "bcc")
        if {parseaddr(r)[1].lower() for r in [*email.to, *email.cc, *email.bcc]} & addresses
    ]


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Erase the person everywhere; their organization's records stay, unattributed.

    Rows that belong to the organization (activities, reports, an approved application)
    keep existing with the person's link set to NULL by their foreign keys; rows that are
    only about the person (RSVPs, preferences, sessions, emails sent to them) go.
    """
    from allauth.account.models import EmailAddress
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType
    from post_office.models import Email

    from . import personal_data
    from .models import Invitation

    user = User.objects.select_for_update().get(pk=user.pk)
    if reason := user_delete_blocker(user=user):
        raise LastAdminError(reason)
    addresses = {user.email.lower()} | {
        a.email.lower() for a in EmailAddress.objects.filter(user=user)
    }
    History = PartnershipApplication.history.model  # noqa: N806
    # An application that became an organization is the organization's record: keep it
    # without the person. Any other application was only theirs.
    kept = user.applications.filter(organization__isnull=False)
    History.objects.filter(id__in=kept.values("pk")).update(applicant=None)
    mine = user.applications.filter(organization__isnull=True)
    History.objects.filter(id__in=mine.values("pk")).delete()
    mine.delete()
    kept.update(applicant=None)
    History.objects.filter(applicant=user.pk).delete()
    Email.objects.filter(pk__in=_emails_to(addresses)).delete()
    for address in addresses:
        Invitation.objects.filter(email__iexact=address).delete()
    for erase in personal_data.erasers():
        erase(user, addresses)
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).delete()
    user.sessions.all().delete()  # signed out everywhere (the rows would go with the user too)
    user.delete()


# --- Pausing and resuming a partnership -----------------------------------------------


@transaction.atomic
def partnership_change(
    *, organization: Organization, change: str, reason: str, by: User
) -> PartnershipChange:
    """Pause an active partnership or resume a paused one, keep why, and tell its admins."""
    if not reason.strip():
        raise MembersError("Please give a reason; it is shared with the organization's admins.")
    org = organization_lock(organization)
    pausing = change == PartnershipChange.Change.PAUSE
    expected = Organization.Status.ACTIVE if pausing else Organization.Status.PAUSED
    if org.status != expected:
        with translation.override("en"):  # staff pause and resume in the admin, in English
            status, wanted = org.get_status_display().lower(), expected.label.lower()
        raise MembersError(f"{org.name} is {status}, not {wanted}.")
    org.status = Organization.Status.PAUSED if pausing else Organization.Status.ACTIVE
    org.save(update_fields=["status"])
    record = PartnershipChange.objects.create(
        organization=org, change=change, reason=reason.strip(), changed_by=by
    )
    admins = organization_admins(org)
    if admins:
        queue_email_to_people(
            name="partnership_paused" if pausing else "partnership_resumed",
            people=admins,
            context={"organization": org, "change": record, "site_link": settings.SITE_ROOT + "/"},
        )
    return record
