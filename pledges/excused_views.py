"""A partner admin asks for excused months."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from members.access import membership_for

from .excused import PauseRequestError, pause_request_submit
from .forms import PauseRequestForm
from .models import PauseRequest


@require_http_methods(["GET", "POST"])
def pause_request(request: HttpRequest) -> HttpResponse:
    membership = membership_for(request, admin=True)
    org = membership.organization
    form = PauseRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pause_request_submit(
                organization=org, user=request.user, request=form.save(commit=False)
            )
        except PauseRequestError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                gettext("Thank you. Your request is with the coalition staff; we will email you."),
            )
            return redirect("pledges:pause_request")
    ctx = {
        "organization": org,
        "form": form,
        "requests": PauseRequest.objects.filter(organization=org).select_related(None)[:20],
    }
    return render(request, "pledges/pause_request.html", ctx, status=400 if form.errors else 200)
