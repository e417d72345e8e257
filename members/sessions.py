"""The session engine: Django's database sessions, read together with the person signed in.

Every signed-in request needs its session and then its person (with membership and
organization, for the nav and `members.access`). The session row carries the person's id as a
column (`members.models.Session.user`), so one query reads the session, the person, the
membership and the organization; the authentication backend then takes the person from here
instead of asking the database again (`members.backends`). Settings: SESSION_ENGINE.
"""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import db
from django.db import router
from django.utils import timezone

from .backends import compiled_session_query, forget_session_user, remember_session_user


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

    def _get_session_from_db(self):
        """As Django's, in the same one query that reads the person (the key is already
        checked: SessionBase turns a malformed one into None, and load() skips None)."""
        forget_session_user()
        query = compiled_session_query(router.db_for_read(self.model))
        session = query.first(self.session_key)
        if session is None or session.expire_date <= timezone.now():
            self._session_key = None
            return None
        if session.user is not None:
            remember_session_user(session.user)
        return session
