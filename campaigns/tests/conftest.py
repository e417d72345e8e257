import pytest

from campaigns.tests.factories import AgendaItemFactory, StrategyCallFactory, local

from .factories import TopicFactory


@pytest.fixture
def call(db):
    """A published call on Tuesday, December 8, 2026 at 2 PM Eastern, with two items."""
    call = StrategyCallFactory(title="December strategy call", starts_at=local(2026, 12, 8, 14))
    AgendaItemFactory(call=call, position=1, topic="Welcome and new partners", standing=True)
    AgendaItemFactory(call=call, position=2, topic="Crisis-line funding", presenter="Policy group")
    return call


@pytest.fixture
def upcoming_call(db):
    """A published call a week from now, whatever today is (for browser tests)."""
    call = StrategyCallFactory(title="Next strategy call")
    AgendaItemFactory(call=call, position=1, topic="Welcome and new partners", standing=True)
    AgendaItemFactory(call=call, position=2, topic="Crisis-line funding", presenter="Policy group")
    return call


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The standing cast hashes real passwords; a slow hasher makes each test take a second.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def topic(db):
    return TopicFactory()


def report_data(**overrides) -> dict:
    """A member's valid report, as the form posts it."""
    data = {
        "title": "Mobile crisis response act",
        "level": "state",
        "state": "MA",
        "jurisdiction": "",
        "bill_number": "H.B. 1234",
        "status": "introduced",
        "introduced_on": "2026-02-03",
        "next_hearing_on": "2026-03-10",
        "summary": "Creates mobile crisis teams that answer 988 calls around the clock.",
        "source_url": "https://malegislature.gov/Bills/194/H1234",
        "suggested_position": "support",
        "note": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def practice_data(**overrides) -> dict:
    """A complete practice, as the form posts it."""
    data = {
        "title": "Peer-run evening warmline",
        "problem": "People in crisis waited days for someone to talk to.",
        "what_was_done": "Trained peers answer an evening warmline, with a clinician on call.",
        "level": "county",
        "state": "OH",
        "jurisdiction": "Cuyahoga County",
        "population": "Adults with serious mental illness",
        "results": "Fewer emergency-room visits in the first six months.",
        "figures": "ER visits down 18%",
        "links": "https://example.org/warmline",
    }
    data.update(overrides)
    return data
