"""Persistent connections: a live one is kept, a dead one is replaced."""

import os
import time

import pytest
from django.db import connection, connections

pytestmark = pytest.mark.django_db(transaction=True)


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def test_it_is_djangos_postgresql_backend_with_health_checks():
    assert connection.settings_dict["ENGINE"] == "django.db.backends.postgresql"
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    assert connection.settings_dict["CONN_MAX_AGE"] > 0


def test_a_live_connection_on_a_high_file_descriptor_is_usable():
    """A busy worker holds more than 1,024 files; its connection must still be kept."""
    connection.close()
    fillers = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        connection.ensure_connection()
    finally:
        for fd in fillers:
            os.close(fd)
    assert connection.connection.fileno() >= 1024
    assert connection.is_usable()


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
