from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import HttpResponse
from django.urls import include, path


@login_not_required
@transaction.non_atomic_requests
def hello(request):
    return HttpResponse("hello")


urlpatterns = [
    path("bench/hello", hello),
    path("", include("coalition.urls")),
]
