import pytest

from members.models import FocusArea

from .factories import ApplicationFactory, UserFactory


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
