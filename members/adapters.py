from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject: str) -> str:
        return f"[{settings.SITE_NAME}] {subject}"

    def get_login_redirect_url(self, request) -> str:
        """Someone who opened an invitation before signing up lands back on it after login."""
        from members.views import INVITATION_SESSION_KEY

        token = request.session.get(INVITATION_SESSION_KEY)
        if token:
            return reverse("members:invitation", args=[token])
        return super().get_login_redirect_url(request)
