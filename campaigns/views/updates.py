"""Coalition updates: an update's page and recording that a partner shared it."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from members.access import membership_for
from members.models import Membership

from ..forms import ShareForm
from ..models import CoalitionUpdate
from ..services import update_share
from .common import redirect_back, viewer


def _update_page(
    request: HttpRequest, update: CoalitionUpdate, membership: Membership | None, form: ShareForm
) -> HttpResponse:
    share = membership and update.shares.filter(organization=membership.organization).first()
    ctx = {"update": update, "membership": membership, "share": share, "form": form}
    return render(request, "campaigns/update_detail.html", ctx)


@require_GET
def update_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = viewer(request)
    update = get_object_or_404(CoalitionUpdate.objects.published(), pk=pk)
    return _update_page(request, update, membership, ShareForm())


@require_POST
def update_shared(request: HttpRequest, pk: int) -> HttpResponse:
    membership = membership_for(request)
    update = get_object_or_404(CoalitionUpdate.objects.published(), pk=pk)
    form = ShareForm(request.POST)
    if not form.is_valid():
        return _update_page(request, update, membership, form)
    share, created = update_share(
        update=update, membership=membership, reach=form.cleaned_data["reach"]
    )
    messages.success(
        request,
        _("Thank you for passing it on. It counts toward your pledge this month.")
        if created
        else _("%(organization)s is already recorded as sharing this. Thank you.")
        % {"organization": membership.organization},
    )
    return redirect_back(request, reverse("dashboard"))
