"""Authentication backends that load a person's membership with the person.

Every signed-in page needs the membership (the nav names the organization, and
`members.access.membership_for` checks it), so the session's user is read with it in one
query instead of two.
"""

from allauth.account import auth_backends
from django.contrib.auth import backends, get_user_model


def user_with_membership(user_id):
    users = get_user_model()._default_manager.select_related("membership__organization")
    try:
        return users.get(pk=user_id)
    except users.model.DoesNotExist:
        return None


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        user = user_with_membership(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class AuthenticationBackend(auth_backends.AuthenticationBackend):
    def get_user(self, user_id):
        user = user_with_membership(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
