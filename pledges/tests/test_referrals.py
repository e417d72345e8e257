"""Approving a referred application credits the partner that recruited it, once."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from members import services
from members.tests.factories import ApplicationFactory
from pledges.models import Activity


def approve(application, staff):
    return services.application_approve(application=application, reviewer=staff)


def test_it_credits_the_referring_partner_citing_the_new_organization(org_a, staff):
    org = approve(ApplicationFactory(referred_by=org_a), staff)
    [credit] = Activity.objects.filter(organization=org_a)
    assert credit.kind == Activity.Kind.RECRUITING
    assert credit.source == org
    assert org.name in credit.summary


def test_it_credits_nothing_without_a_referral(org_a, staff):
    approve(ApplicationFactory(), staff)
    assert not Activity.objects.exists()


def test_it_credits_once_when_approved_twice(org_a, staff):
    application = ApplicationFactory(referred_by=org_a)
    approve(application, staff)
    with pytest.raises(services.ApplicationAlreadyDecided):
        approve(application, staff)
    assert Activity.objects.filter(organization=org_a).count() == 1


@pytest.mark.django_db(transaction=True)
def test_it_credits_once_when_two_staff_approve_at_once(org_a, staff):
    application = ApplicationFactory(referred_by=org_a)
    barrier = threading.Barrier(2)

    def run():
        barrier.wait()
        try:
            approve(application, staff)
        except services.ApplicationAlreadyDecided:
            pass
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert Activity.objects.filter(organization=org_a).count() == 1


def test_it_takes_the_credit_back_when_the_new_organization_is_deleted(org_a, staff):
    org = approve(ApplicationFactory(referred_by=org_a), staff)
    org.delete()
    assert not Activity.objects.filter(organization=org_a).exists()


def test_it_thanks_the_referring_admins(
    org_a, admin_a, member_a, staff, deliver_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        org = approve(ApplicationFactory(referred_by=org_a), staff)
    thanks = [m for m in deliver_mail() if org.name in m.subject and "Thank you" in m.subject]
    assert [m.to for m in thanks] == [[admin_a.email]]


def test_it_lists_referred_organizations_on_the_org_page(client, org_a, member_a, staff):
    approve(ApplicationFactory(referred_by=org_a, name="Lakeside <b>Recovery</b>"), staff)
    client.force_login(member_a)
    response = client.get(reverse("members:org_profile"))
    assert "Lakeside &lt;b&gt;Recovery&lt;/b&gt;" in response.content.decode()
    assert f"/apply/from/{org_a.slug}/" in response.content.decode()


def test_it_fills_the_referral_from_the_invitation_link(client, org_a, applicant_user):
    client.get(reverse("members:apply_referred", args=[org_a.slug]))
    client.force_login(applicant_user)
    response = client.get(reverse("members:apply"))
    assert response.context["form"]["referred_by"].value() == org_a.name


def test_it_gives_404_for_an_unknown_invitation_link(client, db):
    response = client.get(reverse("members:apply_referred", args=["nobody-here"]))
    assert response.status_code == 404


@pytest.fixture
def applicant_user(db):
    from members.tests.factories import UserFactory

    return UserFactory(email="new.partner@example.org")


def test_the_org_page_shows_the_invitation_link_and_referrals_in_a_browser(
    page, check_page, sign_in, org_a, member_a, staff, live_server
):
    approve(ApplicationFactory(referred_by=org_a, name="Lakeside Recovery"), staff)
    sign_in(page, member_a)
    page.goto(live_server.url + reverse("members:org_profile"))
    page.get_by_text("Lakeside Recovery").wait_for()
    value = page.get_by_label("Your invitation link").input_value()
    assert value.endswith(f"/apply/from/{org_a.slug}/")
    check_page(page, "org-referrals")
