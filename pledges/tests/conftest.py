import datetime
import zoneinfo

import pytest
import time_machine

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


@pytest.fixture
def reminder_day():
    """15 May 2026, 9:00 in New York: the first reminder's day."""
    with time_machine.travel(datetime.datetime(2026, 5, 15, 9, 0, tzinfo=NEW_YORK), tick=False):
        yield datetime.date(2026, 5, 15)
