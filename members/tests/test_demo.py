import pytest
from django.core.management import call_command

from members.models import Membership, Organization, PartnershipApplication


@pytest.mark.django_db
def test_seed_demo_makes_partners_people_and_applications_and_runs_twice(capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    assert Organization.objects.values("state").distinct().count() == 8
    assert Membership.objects.filter(role="admin").count() == 8
    statuses = set(PartnershipApplication.objects.values_list("status", flat=True))
    assert statuses == {"submitted", "needs_info", "approved", "declined"}
    assert "harbor.admin@partners.example" in capsys.readouterr().out
