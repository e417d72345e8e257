"""A transaction for requests that write; none for those that only read.

`ATOMIC_REQUESTS` wraps every view in a transaction. A GET that only reads gains nothing from
it (each statement already sees committed data) and pays a BEGIN and a COMMIT round trip. Views
that serve both a page and its form use `atomic_writes`: POST (and any other unsafe method)
runs in one transaction exactly as `ATOMIC_REQUESTS` would run it, GET and HEAD run without.
"""

import functools

from django.db import transaction

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def atomic_writes(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method in SAFE_METHODS:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            return view(request, *args, **kwargs)

    return transaction.non_atomic_requests(wrapper)
