import pytest

from campaigns.tests.factories import AgendaItemFactory, StrategyCallFactory, local


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
