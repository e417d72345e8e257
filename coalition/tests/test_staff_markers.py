"""Issue 8, item 3: staff-only fields never reach a member's pages or emails."""

import pytest
from django.test import Client
from django.urls import reverse
from post_office.models import Email

from campaigns.tests.factories import StrategyCallFactory
from members import services
from members.tests.factories import ApplicationFactory

from .conftest import STAFF_MARKER
from .figures import record
from .test_cross_org import _reachable_pages
from .test_route_census import ids_of


@pytest.mark.parametrize("who", ["admin", "member"])
def test_staff_notes_and_drafts_never_reach_a_members_pages(world, who):
    StrategyCallFactory(draft=True, title=f"Draft call {STAFF_MARKER}")
    client = Client()
    client.force_login(getattr(world.a, who))
    pages = _reachable_pages(client, ids_of(world.a, world))
    leaks = [path for path, body in pages.items() if STAFF_MARKER in body]
    assert not leaks
    record(f"pages searched for staff-only text ({who})", str(len(pages)))


@pytest.mark.parametrize("decision", ["request_info", "decline", "approve"])
def test_staff_notes_never_reach_the_applicants_emails_or_status_page(world, decision):
    app = ApplicationFactory(staff_notes=f"Private {STAFF_MARKER}")
    service = getattr(services, f"application_{decision}")
    kwargs = {"note": "Welcome"} if decision == "approve" else {"reason": "Tell us more"}
    service(application=app, reviewer=world.staff, **kwargs)
    to_applicant = [e for e in Email.objects.all() if app.applicant.email in e.to]
    assert to_applicant
    for email in to_applicant:
        assert STAFF_MARKER not in email.subject + email.message + email.html_message
    client = Client()
    client.force_login(app.applicant)
    assert STAFF_MARKER not in client.get(reverse("members:apply_status")).content.decode()
