"""Authentication backends that load a person's membership with the person.

Every signed-in page needs the membership (the nav names the organization, and
`members.access.membership_for` checks it), so the person is read with it, and with the
organization, in the same query as the session itself (`members.sessions`): the session store
hands the person over here (`remember_session_user`), and the backend only asks the database
when it has nothing for that id (a session that is not the request's, a sign-in).

Those queries run on every signed-in request, and building their SQL (four tables, every
column) costs the ORM several times what running it does. `CompiledQuery` builds it once per
process and database, then only runs it and makes the instances from the row exactly as the
ORM does (Django's own related-object populators). Django has no statement cache of its own,
and the well-kept query caches (django-cachalot and the like) cache results, which would have
to be invalidated on every change to a person, a membership or an organization; they still
build the SQL each time.
"""

import functools
from contextvars import ContextVar

from allauth.account import auth_backends
from django.contrib.auth import backends, get_user_model
from django.core.signals import request_finished
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.query import get_related_populators


class CompiledQuery:
    """A queryset's SQL built once; `first(*params)` runs it with other parameter values.

    For querysets of plain columns and `select_related` joins. Each parameter must be a value
    the database driver takes as it is (a number, a string), given in the SQL's order."""

    def __init__(self, queryset: QuerySet):
        self.db = queryset.db
        compiler = queryset.query.get_compiler(self.db)
        self.sql, self.params = compiler.as_sql()
        select, klass_info = compiler.select, compiler.klass_info
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [column[0].target.attname for column in select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, select, self.db)
        # What the database gives back that Python needs turned into something else (SQLite's
        # dates and booleans, say; nothing here on PostgreSQL), as the ORM does it.
        self.converters = list(compiler.get_converters([c[0] for c in select]).items())

    def first(self, *params):
        if len(params) != len(self.params):
            raise TypeError(f"Expected {len(self.params)} parameters, got {len(params)}")
        connection = connections[self.db]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        if self.converters:
            row = list(row)
            for index, (converters, expression) in self.converters:
                for converter in converters:
                    row[index] = converter(row[index], expression, connection)
        obj = self.model.from_db(self.db, self.init_list, row[self.start : self.end])
        for populator in self.populators:
            populator.populate(row, obj)
        return obj


@functools.cache
def compiled_user_query(alias: str) -> CompiledQuery:
    users = get_user_model()._default_manager.using(alias)
    return CompiledQuery(users.select_related("membership__organization").filter(pk=0))


@functools.cache
def compiled_session_query(alias: str) -> CompiledQuery:
    from .models import Session

    sessions = Session.objects.using(alias).select_related("user__membership__organization")
    return CompiledQuery(sessions.filter(session_key=""))


# The person read with this request's session, handed from the session store to the backend.
_session_user: ContextVar = ContextVar("session_user", default=None)


def remember_session_user(user) -> None:
    _session_user.set(user)


def forget_session_user(**kwargs) -> None:
    _session_user.set(None)


request_finished.connect(forget_session_user, dispatch_uid="members-forget-session-user")


def user_with_membership(user_id):
    """The person with this id, with membership and organization: the one the session
    brought if it is that person, else from the database (one query)."""
    user = _session_user.get()
    forget_session_user()
    if user is not None and str(user.pk) == str(user_id):
        return user
    return compiled_user_query(DEFAULT_DB_ALIAS).first(user_id)


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        user = user_with_membership(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class AuthenticationBackend(auth_backends.AuthenticationBackend):
    def get_user(self, user_id):
        user = user_with_membership(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
