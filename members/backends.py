"""Authentication backends that read a person's membership and organization with the person.

Every signed-in page needs the membership (the nav names the organization, and
`members.access.membership_for` checks it), so `get_user` joins them in (one query).
"""

from allauth.account import auth_backends
from django.contrib.auth import backends, get_user_model
from django.contrib.auth.base_user import AbstractBaseUser


class UserWithMembershipMixin:
    def get_user(self, user_id: int | str) -> AbstractBaseUser | None:
        users = get_user_model().objects.select_related("membership__organization")
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(UserWithMembershipMixin, backends.ModelBackend):
    pass


class AuthenticationBackend(UserWithMembershipMixin, auth_backends.AuthenticationBackend):
    pass
