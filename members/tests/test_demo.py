import pytest

from members import demo
from members.models import Membership, Organization, PartnershipApplication


@pytest.mark.django_db
def test_demo_seed_makes_partners_people_and_applications_and_runs_twice():
    logins = demo.seed(password="demo-password-1")
    assert demo.seed(password="demo-password-1") == logins
    assert Organization.objects.values("state").distinct().count() == 8
    assert Membership.objects.filter(role="admin").count() == 8
    statuses = set(PartnershipApplication.objects.values_list("status", flat=True))
    assert statuses == {"submitted", "needs_info", "approved", "declined"}
    assert "harbor.admin@partners.example" in [email for email, _ in logins]
