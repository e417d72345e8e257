"""Staff may log any past activity in the admin, but not one in the future or before 2000."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from .factories import ActivityFactory


@pytest.mark.parametrize("day", [datetime.date(1999, 12, 31), datetime.date(1, 1, 1), 1])
def test_it_refuses_activities_before_2000_or_in_the_future(db, day):
    if isinstance(day, int):
        day = timezone.localdate() + datetime.timedelta(days=day)
    activity = ActivityFactory.build(occurred_on=day)
    with pytest.raises(ValidationError) as caught:
        activity.full_clean(exclude=["organization"])
    assert "between January 1, 2000 and today" in caught.value.message_dict["occurred_on"][0]


def test_it_accepts_an_activity_from_years_ago(db):
    activity = ActivityFactory.build(occurred_on=datetime.date(2005, 6, 1))
    activity.full_clean(exclude=["organization"])
