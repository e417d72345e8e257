"""Django's PostgreSQL backend with a health check that costs no round trip when all is well.

With persistent connections and `CONN_HEALTH_CHECKS`, Django checks each connection at the
start of a request by running `SELECT 1`: a round trip to the database on every request,
which under load cost as much as one of the page's own queries. Between requests the server
has nothing to say on an idle connection unless it is ending it (a shutdown or a terminated
backend sends a FATAL message, a crash closes the socket), so this first asks the operating
system whether the socket has anything to read, without waiting. Nothing to read: usable.
Something to read: Django's own `SELECT 1` decides, so the check is never weaker than it.
"""

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed:
            return False
        try:
            readable, _, _ = select.select([connection.fileno()], [], [], 0)
        except (OSError, ValueError):  # the socket is gone
            return False
        return not readable or super().is_usable()
