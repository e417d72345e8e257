import pytest
from django.urls import reverse

from campaigns.models import Practice, PracticeTried
from members.tests.factories import UserFactory

from .conftest import practice_data
from .factories import PracticeFactory, TopicFactory

LIST = reverse("campaigns:practice_list")
NEW = reverse("campaigns:practice_new")
MINE = reverse("campaigns:practice_mine")


def detail(practice) -> str:
    return reverse("campaigns:practice_detail", args=[practice.pk])


def titles(response) -> set[str]:
    return {p.title for p in response.context["practices"]}


def test_it_lists_only_accepted_practices(client, member_a, org_a, org_b):
    shared = PracticeFactory(organization=org_b)
    PracticeFactory(organization=org_b, status="submitted", title="Waiting")
    PracticeFactory(organization=org_a, status="draft", title="Our draft")
    client.force_login(member_a)
    assert titles(client.get(LIST)) == {shared.title}


def test_it_sends_anonymous_visitors_to_log_in(client, db):
    practice = PracticeFactory()
    for url in (LIST, NEW, MINE, detail(practice)):
        assert client.get(url).status_code == 302


def test_it_is_404_for_someone_without_an_organization(client, db):
    client.force_login(UserFactory())
    assert client.get(LIST).status_code == 404


@pytest.mark.parametrize("status", ["draft", "submitted", "changes_requested", "declined"])
def test_another_organizations_unaccepted_practice_is_404(client, member_b, org_a, status):
    practice = PracticeFactory(organization=org_a, status=status)
    client.force_login(member_b)
    assert client.get(detail(practice)).status_code == 404
    assert client.get(reverse("campaigns:practice_edit", args=[practice.pk])).status_code == 404


def test_our_own_draft_is_visible_to_us(client, member_a, org_a):
    practice = PracticeFactory(organization=org_a, status="draft", title="Our draft")
    client.force_login(member_a)
    assert "Our draft" in client.get(detail(practice)).text
    assert "Our draft" in client.get(MINE).text


def test_staff_do_not_see_drafts_but_see_submitted_ones(client, staff, org_a):
    draft = PracticeFactory(organization=org_a, status="draft")
    submitted = PracticeFactory(organization=org_a, status="submitted")
    client.force_login(staff)
    assert client.get(detail(draft)).status_code == 404
    assert client.get(detail(submitted)).status_code == 200


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"topic": "housing"}, {"Housing first"}),
        ({"state": "AZ"}, {"Arizona peers"}),
        ({"level": "state"}, {"Arizona peers"}),
        ({"q": "warmline"}, {"Arizona peers"}),
    ],
)
def test_it_filters_and_searches(client, member_a, query, expected):
    housing = TopicFactory(slug="housing", name="Housing")
    PracticeFactory(
        title="Arizona peers", level="state", state="AZ", what_was_done="A peer warmline."
    )
    PracticeFactory(title="Housing first", what_was_done="Apartments first.").topics.add(housing)
    client.force_login(member_a)
    assert titles(client.get(LIST, query)) == expected


def test_it_sorts_by_most_viewed(client, member_a):
    PracticeFactory(title="Quiet", view_count=1)
    PracticeFactory(title="Popular", view_count=50)
    client.force_login(member_a)
    response = client.get(LIST, {"sort": "views"})
    assert [p.title for p in response.context["practices"]] == ["Popular", "Quiet"]


@pytest.mark.parametrize("count", [3, 300])
def test_the_list_takes_the_same_queries_at_any_size(
    client, member_a, count, django_assert_num_queries
):
    topic = TopicFactory()
    for practice in PracticeFactory.create_batch(count):
        practice.topics.add(topic)
        PracticeTried.objects.create(
            practice=practice, organization=member_a.membership.organization
        )
    client.force_login(member_a)
    with django_assert_num_queries(9):
        client.get(LIST, {"topic": topic.slug})


def test_a_view_by_another_partner_is_counted(client, member_b, org_a):
    practice = PracticeFactory(organization=org_a)
    client.force_login(member_b)
    client.get(detail(practice))
    practice.refresh_from_db()
    assert practice.view_count == 1


def test_the_submitter_sees_who_tried_it_and_others_see_the_count(
    client, member_a, member_b, org_a, org_b
):
    practice = PracticeFactory(organization=org_a)
    client.force_login(member_b)
    client.post(reverse("campaigns:practice_tried", args=[practice.pk]), {"note": "It worked"})
    assert (
        'Tried by</dt><dd class="col-sm-8 col-lg-9">1 other partner'
        in client.get(detail(practice)).text
    )
    client.force_login(member_a)
    assert "It worked" in client.get(detail(practice)).text


def test_trying_twice_keeps_one_mark(client, member_b, org_a):
    practice = PracticeFactory(organization=org_a)
    client.force_login(member_b)
    url = reverse("campaigns:practice_tried", args=[practice.pk])
    client.post(url, {"note": ""})
    client.post(url, {"note": "Again"})
    assert practice.tried.count() == 1


def test_we_cannot_mark_our_own_or_an_unaccepted_practice_tried(client, member_a, org_a, org_b):
    ours = PracticeFactory(organization=org_a)
    waiting = PracticeFactory(organization=org_b, status="submitted")
    client.force_login(member_a)
    for practice in (ours, waiting):
        response = client.post(reverse("campaigns:practice_tried", args=[practice.pk]))
        assert response.status_code == 404


def test_a_draft_needs_only_a_title(client, member_a, org_a):
    client.force_login(member_a)
    response = client.post(NEW, {"title": "Half an idea", "draft": "yes"})
    practice = Practice.objects.get()
    assert response.status_code == 302 and practice.status == "draft"
    assert practice.organization == org_a


def test_submitting_needs_the_whole_story(client, member_a):
    client.force_login(member_a)
    response = client.post(NEW, {"title": "Half an idea", "submit": "yes"})
    assert "Please say what you did." in response.text
    assert "Choose where it was done." in response.text
    assert not Practice.objects.exists()


def test_bad_links_and_a_missing_county_are_named_beside_the_field(client, member_a):
    client.force_login(member_a)
    data = practice_data(links="not a link", jurisdiction="", submit="yes")
    response = client.post(NEW, data)
    assert response.context["form"].errors.keys() == {"links", "jurisdiction"}
    assert not Practice.objects.exists()


def test_a_complete_practice_is_sent_to_staff(client, member_a):
    topic = TopicFactory()
    client.force_login(member_a)
    client.post(NEW, practice_data(topics=[topic.pk], submit="yes"))
    practice = Practice.objects.get()
    assert practice.status == "submitted" and practice.submitted_by == member_a
    assert list(practice.topics.all()) == [topic]


def test_a_draft_is_finished_later(client, member_a, org_a):
    draft = PracticeFactory(organization=org_a, status="draft", decided_at=None)
    client.force_login(member_a)
    client.post(reverse("campaigns:practice_edit", args=[draft.pk]), practice_data(submit="yes"))
    draft.refresh_from_db()
    assert draft.status == "submitted" and draft.title == "Peer-run evening warmline"


def test_a_practice_under_review_cannot_be_edited(client, member_a, org_a):
    practice = PracticeFactory(organization=org_a, status="submitted", title="Fixed")
    client.force_login(member_a)
    url = reverse("campaigns:practice_edit", args=[practice.pk])
    client.post(url, practice_data(title="Changed", submit="yes"))
    practice.refresh_from_db()
    assert practice.title == "Fixed"
