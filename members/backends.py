"""Authentication backends that load a person's membership with the person.

Every signed-in page needs the membership (the nav names the organization, and
`members.access.membership_for` checks it), so the session's user is read with it in one
query instead of two.

That query runs on every signed-in request, and building its SQL (three tables, every column)
costs the ORM about four times what running it does. `SessionUserQuery` builds it once per
process and database, then only runs it and makes the three model instances from the row, as
the ORM would. Django has no statement cache of its own, and the well-kept query caches
(django-cachalot and the like) cache results, which would have to be invalidated on every
change to a person, a membership or an organization; they still build the SQL each time.
"""

import functools

from allauth.account import auth_backends
from django.contrib.auth import backends, get_user_model
from django.db import DEFAULT_DB_ALIAS, connections

from .models import Membership

USER_MEMBERSHIP = Membership.user.field.remote_field  # user.membership, None when absent
MEMBERSHIP_USER = Membership.user.field  # membership.user
MEMBERSHIP_ORGANIZATION = Membership.organization.field  # membership.organization


class SessionUserQuery:
    """`User.objects.select_related("membership__organization").get(pk=...)`, compiled once."""

    def __init__(self, alias: str):
        self.alias = alias
        users = get_user_model()._default_manager.using(alias)
        query = users.select_related("membership__organization").filter(pk=0).query
        compiler = query.get_compiler(alias)
        self.sql, params = compiler.as_sql()
        if list(params) != [0]:
            raise ValueError(f"Expected the user's id as the only parameter, got {params}")
        columns = [col for col, _, _ in compiler.select]
        # What the database gives back that Python needs turned into something else (none on
        # PostgreSQL for these fields; SQLite's dates and booleans, say): as the ORM does it.
        self.converters = list(compiler.get_converters(columns).items())
        user_info = compiler.klass_info
        (membership_info,) = user_info["related_klass_infos"]
        (organization_info,) = membership_info["related_klass_infos"]
        self.parts = [
            (
                info["model"],
                info["select_fields"],
                [columns[i].target.attname for i in info["select_fields"]],
            )
            for info in (user_info, membership_info, organization_info)
        ]

    def get(self, user_id):
        with connections[self.alias].cursor() as cursor:
            cursor.execute(self.sql, [user_id])
            row = cursor.fetchone()
        if row is None:
            return None
        if self.converters:
            row = list(row)
            for index, (converters, expression) in self.converters:
                for converter in converters:
                    row[index] = converter(row[index], expression, connections[self.alias])
        user, membership, organization = (
            model.from_db(self.alias, names, [row[i] for i in indexes])
            for model, indexes, names in self.parts
        )
        if membership.pk is None:  # no membership: the LEFT JOIN gave nulls
            USER_MEMBERSHIP.set_cached_value(user, None)
            return user
        USER_MEMBERSHIP.set_cached_value(user, membership)
        MEMBERSHIP_USER.set_cached_value(membership, user)
        MEMBERSHIP_ORGANIZATION.set_cached_value(membership, organization)
        return user


@functools.cache
def session_user_query(alias: str) -> SessionUserQuery:
    return SessionUserQuery(alias)


def user_with_membership(user_id):
    return session_user_query(DEFAULT_DB_ALIAS).get(user_id)


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        user = user_with_membership(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class AuthenticationBackend(auth_backends.AuthenticationBackend):
    def get_user(self, user_id):
        user = user_with_membership(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
