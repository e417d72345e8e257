import importlib

import pytest

from members.models import FocusArea

from .factories import ApplicationFactory, UserFactory


@pytest.fixture(autouse=True)
def focus_areas(request):
    """Transactional tests flush the table a data migration filled; put the list back."""
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if not marker and not names & {"db", "transactional_db", "page"}:
        return
    transactional = names & {"transactional_db", "page", "live_server"} or (
        marker and marker.kwargs.get("transaction")
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    seeded = importlib.import_module("members.migrations.0003_focus_areas").FOCUS_AREAS
    for position, (slug, name) in enumerate(seeded):
        FocusArea.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


@pytest.fixture
def applicant(db):
    return UserFactory(email="applicant@example.org", name="Ana Applicant")


@pytest.fixture
def application(applicant):
    return ApplicationFactory(applicant=applicant, name="Riverside Peer Center", state="OR")


@pytest.fixture
def application_data(db) -> dict:
    return {
        "name": "Lakeside Recovery Network",
        "type": "peer_run",
        "description": "Peer support groups across the county.",
        "website": "https://lakeside.example.org",
        "city": "Madison",
        "county": "Dane",
        "state": "WI",
        "focus_areas": [FocusArea.objects.get(slug="recovery").pk],
        "network_size": "400",
        "reason": "We want our members' voices in state policy.",
        "pledge_build_capacity": "on",
        "pledge_engage": "on",
        "pledge_advocate": "on",
        "pledge_advise": "on",
        "listed_in_directory": "on",
    }
