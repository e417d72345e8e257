import pytest

from campaigns.models import Initiative, normalize_bill_number
from campaigns.services import title_similarity

from .factories import InitiativeFactory, ReportFactory


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("H.B. 1234", "HB1234"),
        ("HB1234", "HB1234"),
        ("hb 1234", "HB1234"),
        (" S.B.-12 ", "SB12"),
        ("Ordinance 2026-15", "ORDINANCE202615"),
        ("", ""),
        ("  ", ""),
    ],
)
def test_it_normalizes_bill_numbers(raw, normalized):
    assert normalize_bill_number(raw) == normalized


def test_it_stores_the_normalized_number_on_save(db):
    initiative = InitiativeFactory(bill_number="h.b. 77")
    assert Initiative.objects.get(pk=initiative.pk).bill_number_normalized == "HB77"


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [
        ("Mobile crisis response act", "Mobile Crisis Response Act of 2026", True),
        ("Mobile crisis response", "Crisis response, mobile teams", True),
        ("Mobile crisis response act", "School counselor ratio", False),
    ],
)
def test_it_scores_title_similarity(a, b, close):
    assert (title_similarity(a, b) >= 0.6) is close


def test_it_shows_an_organization_verified_and_its_own_reports_only(org_a, org_b):
    verified = InitiativeFactory()
    ours = ReportFactory(organization=org_a, initiative__review_state="reported").initiative
    ReportFactory(organization=org_b, initiative__review_state="reported")
    assert set(Initiative.objects.visible_to(org_a)) == {verified, ours}


def test_it_shows_staff_everything(org_b):
    ReportFactory(organization=org_b, initiative__review_state="reported")
    InitiativeFactory()
    assert Initiative.objects.visible_to(None).count() == 2
