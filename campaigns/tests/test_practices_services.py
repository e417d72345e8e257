import pytest

from campaigns.models import Practice
from campaigns.services import (
    PracticeError,
    practice_accept,
    practice_decline,
    practice_request_changes,
)
from pledges.models import Activity

from .factories import PracticeFactory


@pytest.fixture
def waiting(member_a, org_a):
    return PracticeFactory(organization=org_a, submitted_by=member_a, status="submitted")


def test_accepting_credits_the_pledge_once(waiting, staff, org_a):
    practice_accept(practice=waiting, reviewer=staff)
    with pytest.raises(PracticeError):
        practice_accept(practice=waiting, reviewer=staff)
    credit = Activity.objects.get()
    assert credit.organization == org_a and credit.kind == Activity.Kind.BEST_PRACTICE
    assert credit.source == waiting


def test_each_decision_emails_the_submitter_once(waiting, staff, member_a, deliver_mail):
    practice_request_changes(practice=waiting, reviewer=staff, note="Add the county.")
    with pytest.raises(PracticeError):
        practice_request_changes(practice=waiting, reviewer=staff, note="Again")
    outbox = deliver_mail()
    assert len(outbox) == 1 and outbox[0].to == [member_a.email]
    assert "Add the county." in outbox[0].body


def test_a_resubmitted_practice_gets_a_new_decision_and_email(waiting, staff, deliver_mail):
    practice_request_changes(practice=waiting, reviewer=staff, note="Add the county.")
    Practice.objects.filter(pk=waiting.pk).update(status="submitted")
    practice_accept(practice=waiting, reviewer=staff)
    assert [m.subject for m in deliver_mail()] == [
        "A small change to your best practice, please",
        "Your best practice is now shared with partners",
    ]
    assert Activity.objects.count() == 1


def test_declining_needs_a_reason_and_credits_nothing(waiting, staff, deliver_mail):
    with pytest.raises(PracticeError):
        practice_decline(practice=waiting, reviewer=staff, reason="  ")
    practice_decline(practice=waiting, reviewer=staff, reason="Not about mental health.")
    waiting.refresh_from_db()
    assert waiting.status == "declined" and waiting.decided_at is not None
    assert not Activity.objects.exists() and len(deliver_mail()) == 1


def test_a_draft_cannot_be_decided(member_a, org_a, staff):
    draft = PracticeFactory(organization=org_a, status="draft", decided_at=None)
    with pytest.raises(PracticeError):
        practice_accept(practice=draft, reviewer=staff)
    assert not Activity.objects.exists()
