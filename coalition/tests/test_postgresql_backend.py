"""The connection health check: no round trip for a live connection, dead ones are dropped."""

import time

import pytest
from django.db import connection, connections

pytestmark = pytest.mark.django_db(transaction=True)


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def statements_run(pid: int) -> int:
    """How many statements the backend `pid` has started, as PostgreSQL counts them."""
    with connections["default"].copy().cursor() as cursor:  # another connection looks
        cursor.execute("SELECT query_start FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone()[0]


def test_it_is_the_projects_backend():
    assert type(connections["default"]).__module__ == "coalition.postgresql.base"
    assert connection.vendor == "postgresql"


def test_a_live_idle_connection_is_usable_without_a_query():
    pid = backend_pid()
    before = statements_run(pid)
    time.sleep(0.01)
    assert connection.is_usable()
    assert statements_run(pid) == before  # no SELECT 1 reached the server


def test_a_terminated_connection_is_not_usable_and_django_reconnects():
    pid = backend_pid()
    other = connections["default"].copy()
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    other.close()
    deadline = time.monotonic() + 5
    while connection.is_usable() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not connection.is_usable()
    connection.close()
    assert backend_pid() != pid


def test_a_live_connection_with_something_to_read_is_asked_with_select_1():
    with connection.cursor() as cursor:
        cursor.execute("LISTEN coalition_test")
    other = connections["default"].copy()
    with other.cursor() as cursor:
        cursor.execute("NOTIFY coalition_test")
    other.close()
    time.sleep(0.1)  # the notification is now waiting on the socket
    assert connection.is_usable()
    with connection.cursor() as cursor:
        cursor.execute("UNLISTEN *")
