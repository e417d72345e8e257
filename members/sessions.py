"""The session engine: Django's database sessions, each row carrying the person signed in.

The person's id is a column of its own (`members.models.Session.user`), so a person's
sessions are found, and ended ("sign out everywhere", account deletion), without decoding
every session. Settings: SESSION_ENGINE.
"""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import db


class SessionStore(db.SessionStore):
    @classmethod
    def get_model_class(cls):
        from .models import Session

        return Session

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        user_id = data.get(SESSION_KEY)
        session.user_id = int(user_id) if user_id is not None else None
        return session
