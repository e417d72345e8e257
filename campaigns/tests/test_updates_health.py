import datetime

import time_machine
from django.urls import reverse

from campaigns.hooks import update_reach_table

from .factories import UpdateShareFactory, local


def test_it_counts_shares_and_reach_per_coalition_month(db):
    # 11:30 PM Eastern on March 31 is already April in UTC; it counts for March.
    UpdateShareFactory(reach=100, created_at=local(2026, 3, 31, 23, 30))
    UpdateShareFactory(reach=None, created_at=local(2026, 3, 2, 9))
    UpdateShareFactory(reach=40, created_at=local(2026, 4, 1, 9))
    table = update_reach_table([datetime.date(2026, 3, 1), datetime.date(2026, 4, 1)])
    assert table["rows"] == [["March 2026", 2, 100], ["April 2026", 1, 40]]


@time_machine.travel(local(2026, 4, 15, 12))
def test_the_coalition_health_page_shows_the_monthly_reach(client, staff):
    UpdateShareFactory(reach=250, created_at=local(2026, 4, 2, 9))
    client.force_login(staff)
    response = client.get(reverse("pledges:staff"))
    assert "Coalition updates passed on" in response.text
    assert '<th scope="row">April 2026</th><td>1</td><td>250</td>' in response.text
