import datetime

from django.core.management import call_command

from members.tests.factories import MembershipFactory
from pledges import demo
from pledges.models import Activity


def test_it_does_nothing_without_organizations(db):
    assert demo.seed() == 0


def test_it_adds_history_once(db):
    MembershipFactory(organization__joined_on=datetime.date(2020, 1, 1))
    created = demo.seed()
    assert created > 0
    assert demo.seed() == 0
    assert Activity.objects.count() == created


def test_seed_demo_runs_twice(db, capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    assert "Demo data is ready" in capsys.readouterr().out
