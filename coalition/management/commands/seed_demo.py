"""Demo data for `make run`: safe to run again, it only adds what is missing."""

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db import transaction

from campaigns.demo import seed_calls, seed_legislation, seed_practices
from members import demo as members_demo
from members.models import User
from pledges import demo as pledges_demo

DEMO_PASSWORD = "coalition-demo-2026"  # noqa: S105 - printed for the demo on purpose


def demo_user(email: str, name: str, *, staff: bool = False) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"name": name, "is_staff": staff, "is_superuser": staff}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


class Command(BaseCommand):
    help = "Create demo accounts and content for a local run."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        staff = demo_user("staff@coalition.example", "Casey Coordinator", staff=True)
        logins = [(staff.email, "coalition staff")]
        logins += members_demo.seed(password=DEMO_PASSWORD)
        logins += [(user.email, "partner admin") for user in seed_legislation(demo_user)]
        pledges_demo.seed()  # after the organizations exist
        seed_calls()
        seed_practices()
        self.stdout.write(
            self.style.SUCCESS("Demo data is ready. Sign in at http://127.0.0.1:8000")
        )
        self.stdout.write(f"Every demo account uses the password: {DEMO_PASSWORD}")
        for email, role in logins:
            self.stdout.write(f"  {email:<44} {role}")
