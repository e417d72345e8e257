import re

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import services
from .access import membership_for
from .caching import cached, for_first_visits
from .filters import DirectoryFilter
from .forms import (
    ApplicationForm,
    DeleteAccountForm,
    InvitationForm,
    OrganizationForm,
    RoleForm,
)
from .models import (
    FocusArea,
    Invitation,
    Membership,
    Organization,
    PartnershipApplication,
    State,
)
from .signup import NameForm
from .states import state_tiles

INVITATION_SESSION_KEY = "members_invitation_token"
REFERRAL_SESSION_KEY = "members_referred_by"
TOKEN_FORMAT = re.compile(r"[A-Za-z0-9_-]{1,64}")  # what secrets.token_urlsafe() makes


def _membership_or_none(user) -> Membership | None:
    return Membership.objects.filter(user=user.pk).first()


def _open_application(user) -> PartnershipApplication | None:
    return user.applications.filter(status__in=PartnershipApplication.OPEN_STATUSES).first()


# --- Applying -------------------------------------------------------------------------


def apply(request: HttpRequest) -> HttpResponse:
    if _membership_or_none(request.user):
        messages.info(request, _("You are already part of a partner organization."))
        return redirect("members:org_profile")
    if not EmailAddress.objects.filter(user=request.user, verified=True).exists():
        messages.warning(request, _("Please confirm your email address before you apply."))
        return redirect("account_email")
    application = _open_application(request.user)
    if application and application.status == PartnershipApplication.Status.SUBMITTED:
        return redirect("members:apply_status")
    referrer = Organization.objects.active().filter(
        slug=request.session.get(REFERRAL_SESSION_KEY, "")
    )
    initial = {"referred_by": referrer[0].name} if not application and referrer else {}
    form = ApplicationForm(request.POST or None, instance=application, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if application:
                services.application_resubmit(
                    application=form.save(commit=False),
                    focus_areas=form.cleaned_data["focus_areas"],
                )
                messages.success(request, _("Thank you. We have your updated application."))
            else:
                services.application_submit(
                    application=form.save(commit=False),
                    applicant=request.user,
                    focus_areas=form.cleaned_data["focus_areas"],
                )
                messages.success(request, _("Thank you. Your application has been sent."))
        except services.MembersError as exc:
            messages.error(request, str(exc))
        return redirect("members:apply_status")
    ctx = {"form": form, "application": application}
    return render(request, "members/apply.html", ctx, status=400 if form.errors else 200)


@login_not_required
@require_GET
def apply_referred(request: HttpRequest, slug: str) -> HttpResponse:
    """A partner's personal invitation link: remember who sent the visitor, then apply
    (signing up first if need be); the application form fills the referral in."""
    org = get_object_or_404(Organization.objects.active(), slug=slug)
    request.session[REFERRAL_SESSION_KEY] = org.slug
    messages.info(
        request, _("Welcome. %(name)s invited you to apply to the coalition.") % {"name": org.name}
    )
    return redirect("members:apply")


def apply_status(request: HttpRequest) -> HttpResponse:
    application = request.user.applications.select_related("organization").first()
    if application is None:
        return redirect("members:apply")
    ctx = {"application": application}
    return render(request, "members/apply_status.html", ctx)


@require_POST
def apply_withdraw(request: HttpRequest) -> HttpResponse:
    application = _open_application(request.user)
    if application is None:
        messages.info(request, _("There is no open application to withdraw."))
    else:
        try:
            services.application_withdraw(application=application)
            messages.success(request, _("Your application has been withdrawn."))
        except services.MembersError as exc:
            messages.error(request, str(exc))
    return redirect("members:apply_status")


# --- Your organization ----------------------------------------------------------------


@require_GET  # the form posts to org_profile_edit; an old page posting here is told so
def org_profile(request: HttpRequest) -> HttpResponse:
    """Everyone in the organization reads its profile; admins find the way to change it."""
    membership = membership_for(request)
    org = membership.organization
    referred = (
        Organization.objects.filter(
            application__referred_by=org,
            application__status=PartnershipApplication.Status.APPROVED,
        )
        .only("name", "joined_on")
        .order_by("-joined_on", "name")
    )
    ctx = {
        "membership": membership,
        "org": org,
        "focus_areas": org.focus_areas.all(),
        "referred": referred,
        "invite_link": request.build_absolute_uri(
            reverse("members:apply_referred", args=[org.slug])
        ),
    }
    return render(request, "members/org_profile.html", ctx)


def org_profile_edit(request: HttpRequest) -> HttpResponse:
    membership = membership_for(request, admin=True)
    form = OrganizationForm(request.POST or None, instance=membership.organization)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your organization's profile is saved."))
        return redirect("members:org_profile")
    ctx = {"membership": membership, "org": membership.organization, "form": form}
    return render(request, "members/org_profile_edit.html", ctx, status=400 if form.errors else 200)


def _team_page(request, membership, *, invite_form=None, row_errors=None, status=200):
    org = membership.organization
    people = list(org.memberships.select_related("user").order_by("user__email"))
    for person in people:
        person.error = (row_errors or {}).get(person.pk)
    ctx = {
        "membership": membership,
        "org": org,
        "people": people,
        "invitations": (
            org.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)
            if membership.is_admin
            else []
        ),
        "invite_form": invite_form or InvitationForm(),
        "roles": Membership.Role.choices,
        # The only admin is not offered what the rules would refuse: leaving no admin.
        "sole_admin": sum(person.is_admin for person in people) == 1,
    }
    return render(request, "members/org_team.html", ctx, status=status)


def org_team(request: HttpRequest) -> HttpResponse:
    """Everyone in the organization sees its people; admins invite from here."""
    membership = membership_for(request, admin=request.method == "POST")
    if request.method != "POST":
        return _team_page(request, membership)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            services.invitation_create(
                organization=membership.organization,
                invited_by=request.user,
                **form.cleaned_data,
            )
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("members:org_team")
        except services.InvitationError as exc:
            form.add_error("email", str(exc))
    return _team_page(request, membership, invite_form=form, status=400)


def _teammate(membership: Membership, pk: int) -> Membership:
    return get_object_or_404(membership.organization.memberships.select_related("user"), pk=pk)


@require_POST
def team_role(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_for(request, admin=True)
    teammate = _teammate(membership, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _team_page(
            request, membership, row_errors={teammate.pk: _("Please choose a role.")}, status=400
        )
    try:
        services.membership_change_role(membership=teammate, role=form.cleaned_data["role"])
    except services.LastAdminError as exc:
        return _team_page(request, membership, row_errors={teammate.pk: str(exc)}, status=409)
    if form.cleaned_data["role"] == Membership.Role.ADMIN:
        message = _("%(name)s is now an admin.")
    else:
        message = _("%(name)s is now a member.")
    messages.success(request, message % {"name": teammate.user})
    return redirect("members:org_team")


@require_POST
def team_reminders(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_for(request, admin=True)
    teammate = _teammate(membership, pk)
    receives = request.POST.get("receives_reminders") == "on"
    services.membership_set_reminders(membership=teammate, receives=receives)
    if receives:
        message = _("%(name)s will receive pledge reminders.")
    else:
        message = _("%(name)s will not receive pledge reminders.")
    messages.success(request, message % {"name": teammate.user})
    return redirect("members:org_team")


def team_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_for(request, admin=True)
    teammate = _teammate(membership, pk)
    if request.method == "POST":
        try:
            services.membership_remove(membership=teammate)
        except services.LastAdminError as exc:
            return _team_page(request, membership, row_errors={teammate.pk: str(exc)}, status=409)
        messages.success(
            request,
            _("%(name)s is no longer part of %(organization)s.")
            % {"name": teammate.user, "organization": membership.organization},
        )
        if teammate.pk == membership.pk:
            return redirect("home")
        return redirect("members:org_team")
    ctx = {"membership": membership, "teammate": teammate}
    return render(request, "members/team_remove.html", ctx)


def _invitation(membership: Membership, pk: int) -> Invitation:
    return get_object_or_404(membership.organization.invitations, pk=pk)


@require_POST
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_for(request, admin=True)
    invitation = _invitation(membership, pk)
    try:
        services.invitation_resend(invitation=invitation)
        messages.success(
            request, _("Invitation sent again to %(email)s.") % {"email": invitation.email}
        )
    except services.InvitationError as exc:
        messages.error(request, str(exc))
    return redirect("members:org_team")


@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_for(request, admin=True)
    invitation = _invitation(membership, pk)
    services.invitation_revoke(invitation=invitation)
    messages.success(
        request, _("The invitation to %(email)s is cancelled.") % {"email": invitation.email}
    )
    return redirect("members:org_team")


@login_not_required
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link: newcomers sign up or log in first and come back here after."""
    # PostgreSQL refuses some characters (NUL) with an error rather than finding no row.
    if not TOKEN_FORMAT.fullmatch(token):
        raise Http404("No such invitation")
    invitation = get_object_or_404(Invitation.objects.select_related("organization"), token=token)
    if not request.user.is_authenticated:
        if invitation.is_usable():
            request.session[INVITATION_SESSION_KEY] = token
        ctx = {"invitation": invitation, "next": request.path}
        return render(request, "members/invitation.html", ctx)
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except services.InvitationError as exc:
            messages.error(request, str(exc))
            return redirect(request.path)
        request.session.pop(INVITATION_SESSION_KEY, None)
        messages.success(
            request, _("Welcome to %(organization)s.") % {"organization": invitation.organization}
        )
        return redirect("members:org_profile")
    request.session.pop(INVITATION_SESSION_KEY, None)
    ctx = {"invitation": invitation, "next": request.path}
    return render(request, "members/invitation.html", ctx)


# --- The public directory -------------------------------------------------------------


# The directory is public and the same for everyone: its first pages are kept this long.
DIRECTORY_CACHE_SECONDS = 60


def _directory_body(request: HttpRequest, filterset: DirectoryFilter) -> str:
    listed = Organization.objects.listed()
    page = Paginator(filterset.qs, 25).get_page(request.GET.get("page"))
    counts = dict(listed.values_list("state").annotate(n=Count("id")).order_by())
    query = request.GET.copy()
    query.pop("page", None)
    ctx = {
        "filter": filterset,
        "page_obj": page,
        "tiles": state_tiles(counts),
        "state_counts": [t for t in state_tiles(counts) if t["count"]],
        "query_string": query.urlencode(),
        "directory_url": reverse("members:directory"),
    }
    return render_to_string("members/_directory.html", ctx, request=request)


def _directory_cache_key(request: HttpRequest) -> str | None:
    """A key for the unfiltered or state-only first page (53 keys at most), else None;
    members.caching adds the language."""
    if not request.GET:
        return "all"
    if request.GET.get("page", "1") != "1" or set(request.GET) - {"state", "page"}:
        return None
    state = request.GET.get("state", "")
    if state and state not in State.values:
        return None
    return state or "all"


@login_not_required
@for_first_visits
def directory(request: HttpRequest) -> HttpResponse:
    def build() -> str:
        orgs = (
            Organization.objects.listed()
            .prefetch_related(
                Prefetch("focus_areas", queryset=FocusArea.objects.order_by("position", "name"))
            )
            .order_by("name")
        )
        return _directory_body(request, DirectoryFilter(request.GET or None, queryset=orgs))

    key = _directory_cache_key(request)
    body = cached("members:directory", [key], build, DIRECTORY_CACHE_SECONDS) if key else build()
    return render(request, "members/directory.html", {"body": body})


# --- Your account: settings, your data, deleting it --------------------------------------


@require_GET
def account(request: HttpRequest) -> HttpResponse:
    ctx = {"membership": _membership_or_none(request.user)}
    return render(request, "members/account.html", ctx)


@require_http_methods(["GET", "POST"])
def account_name(request: HttpRequest) -> HttpResponse:
    """Name and pronouns; people who signed up before being asked land here once."""
    form = NameForm(request.POST or None, instance=request.user)
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = reverse("members:account")
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Thank you. Your name is saved."))
        return redirect(next_url)
    ctx = {"form": form}
    return render(request, "members/account_name.html", ctx, status=400 if form.errors else 200)


@require_GET
def account_data(request: HttpRequest) -> HttpResponse:
    """A page explaining the download; `?download=json` is the file itself."""
    if request.GET.get("download") != "json":
        return render(request, "members/account_data.html")
    data = services.user_personal_data(user=request.user)
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="my-coalition-data.json"'
    return response


@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    blocker = services.user_delete_blocker(user=request.user)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and not blocker and form.is_valid():
        try:
            services.user_delete(user=request.user)
        except services.LastAdminError as exc:
            blocker = str(exc)
        else:
            logout(request)
            messages.success(request, _("Your account and your personal details are deleted."))
            return redirect("home")
    status = 409 if blocker and request.method == "POST" else 400 if form.errors else 200
    ctx = {"form": form, "blocker": blocker}
    return render(request, "members/account_delete.html", ctx, status=status)
