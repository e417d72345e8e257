"""Pages that only read run without a transaction; their forms still save in one."""

import pytest
from django.db import connection
from django.test import RequestFactory

from coalition.transactions import atomic_writes


@atomic_writes
def view(request):
    return connection.in_atomic_block


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("method", "atomic"), [("get", False), ("head", False), ("post", True)])
def test_only_requests_that_write_get_a_transaction(method, atomic):
    assert view(getattr(RequestFactory(), method)("/")) is atomic
    assert view._non_atomic_requests  # ATOMIC_REQUESTS leaves it to the decorator


@pytest.mark.django_db(transaction=True)
def test_a_failing_post_saves_nothing(org_a):
    @atomic_writes
    def rename_then_fail(request):
        org_a.name = "Half saved"
        org_a.save()
        raise RuntimeError("after the write")

    with pytest.raises(RuntimeError):
        rename_then_fail(RequestFactory().post("/"))
    org_a.refresh_from_db()
    assert org_a.name != "Half saved"
