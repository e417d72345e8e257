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


@pytest.mark.django_db
def test_seed_demo_makes_a_year_of_history_with_every_shape():
    from pledges.status import PledgeStatus, months_back, pledge_grid, streaks

    call_command("seed_demo")
    orgs = {org.slug: org for org in Organization.objects.filter(slug__in=["harbor", "desert"])}
    grid = pledge_grid(list(orgs.values()), months_back(12))
    assert streaks(grid[orgs["harbor"].pk])[0] == 12
    assert [m.status for m in grid[orgs["desert"].pk][-3:-1]] == [PledgeStatus.MISSED] * 2
    assert Organization.objects.get(slug="lonestar").pauses.count() == 2
    assert not Activity.objects.filter(organization__slug="sunshine").exists()
