from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.http import urlencode


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject: str) -> str:
        return f"[{settings.SITE_NAME}] {subject}"

    def get_login_redirect_url(self, request) -> str:
        """Someone who opened an invitation before signing up lands back on it after login."""
        from members.views import INVITATION_SESSION_KEY

        token = request.session.get(INVITATION_SESSION_KEY)
        if token:
            return reverse("members:invitation", args=[token])
        # Someone who signed up before the sign-up form asked for a name is asked once now.
        if not request.user.name:
            next_url = super().get_login_redirect_url(request)
            return f"{reverse('members:account_name')}?{urlencode({'next': next_url})}"
        return super().get_login_redirect_url(request)

    def send_account_already_exists_mail(self, email: str) -> None:
        """Signing up with a known address queues this email instead of creating an account.
        A new address costs a password hash too: spend it here as well, so how long the
        answer takes does not tell that the address has an account."""
        make_password(get_random_string(32))
        super().send_account_already_exists_mail(email)
