import datetime

from django.urls import reverse
from django.utils import timezone

from campaigns.models import UpdateShare
from pledges.models import Activity

from .factories import CoalitionUpdateFactory, UpdateShareFactory


def shared_url(update) -> str:
    return reverse("campaigns:update_shared", args=[update.pk])


def test_sharing_credits_the_pledge_once_however_many_clicks(client, member_a, org_a):
    update = CoalitionUpdateFactory()
    client.force_login(member_a)
    for _ in range(3):
        client.post(shared_url(update), {"reach": "250"})
    assert UpdateShare.objects.get().reach == 250
    credit = Activity.objects.get()
    assert credit.organization == org_a and credit.kind == Activity.Kind.SHARING_INFO


def test_a_reach_left_empty_can_be_given_later(client, member_a):
    update = CoalitionUpdateFactory()
    client.force_login(member_a)
    client.post(shared_url(update), {"reach": ""})
    client.post(shared_url(update), {"reach": "40"})
    assert UpdateShare.objects.get().reach == 40


def test_bad_reach_is_named_beside_the_field_and_nothing_is_saved(client, member_a):
    update = CoalitionUpdateFactory()
    client.force_login(member_a)
    response = client.post(shared_url(update), {"reach": "-5"})
    assert response.status_code == 200
    assert "Enter a number of people, 0 or more." in response.text
    assert 'aria-invalid="true"' in response.text or "is-invalid" in response.text
    assert not UpdateShare.objects.exists() and not Activity.objects.exists()


def test_an_unpublished_or_future_update_is_404(client, member_a):
    hidden = CoalitionUpdateFactory(is_published=False, published_at=None)
    later = CoalitionUpdateFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    client.force_login(member_a)
    for update in (hidden, later):
        assert client.get(reverse("campaigns:update_detail", args=[update.pk])).status_code == 404
        assert client.post(shared_url(update)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    update = CoalitionUpdateFactory()
    assert client.get(reverse("campaigns:update_detail", args=[update.pk])).status_code == 302
    assert client.post(shared_url(update)).status_code == 302
    assert not UpdateShare.objects.exists()


def test_the_dashboard_shows_updates_and_what_we_shared(client, member_a, org_a):
    shared = UpdateShareFactory(organization=org_a, update__title="Shared one").update
    CoalitionUpdateFactory(title="New one")
    client.force_login(member_a)
    panel = client.get(reverse("dashboard")).context["updates_panel"]
    assert [(e["update"]["title"], e["shared"]) for e in panel["updates"]] == [
        ("New one", False),
        (shared.title, True),
    ]


def test_the_newsletter_text_is_plain(db):
    update = CoalitionUpdateFactory(title="988 passed", body="Thank <b>senators</b>.", link="")
    assert update.plain_text() == "988 passed\n\nThank <b>senators</b>."


def test_staff_see_shares_and_reach_per_update(client, staff):
    update = CoalitionUpdateFactory(title="Counted")
    UpdateShareFactory(update=update, reach=100)
    UpdateShareFactory(update=update, reach=None)
    client.force_login(staff)
    response = client.get(reverse("admin:campaigns_coalitionupdate_changelist"))
    row = response.context["cl"].result_list.get()
    assert (row.share_count, row.reach_sum) == (2, 100)
