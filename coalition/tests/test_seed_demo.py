import pytest
from django.core.management import call_command

from members.models import Organization
from pledges.models import Activity


@pytest.mark.django_db
def test_seed_demo_fills_every_part_and_adds_nothing_the_second_time(capsys):
    call_command("seed_demo")
    counts = (Organization.objects.count(), Activity.objects.count())
    call_command("seed_demo")
    assert (Organization.objects.count(), Activity.objects.count()) == counts
    out = capsys.readouterr().out
    assert "staff@coalition.example" in out
    assert "coalition-demo-2026" in out
