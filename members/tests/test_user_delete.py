"""Deleting an account erases the person's email and nobody else's."""

from django.core.cache import cache
from post_office.models import STATUS, Email

from members.services import user_delete

from .factories import UserFactory


def email_to(to: list[str], *, cc: list[str] = (), status=STATUS.queued) -> Email:
    return Email.objects.create(
        from_email="portal@example.org", to=to, cc=list(cc), subject="Hello", status=status
    )


def test_it_erases_email_sent_to_the_person(db):
    leaver = UserFactory(email="an@example.org")
    queued = email_to(["an@example.org"])
    copied = email_to(["staff@example.org"], cc=["AN@example.org"], status=STATUS.sent)
    user_delete(user=leaver)
    assert not Email.objects.filter(pk__in=[queued.pk, copied.pk]).exists()


def test_it_keeps_a_neighbours_queued_and_sent_email(db):
    leaver = UserFactory(email="an@example.org")
    queued = email_to(["joan@example.org"])
    sent = email_to(["x@example.org", "joan@example.org"], status=STATUS.sent)
    user_delete(user=leaver)
    assert Email.objects.filter(pk__in=[queued.pk, sent.pk]).count() == 2


def test_it_keeps_email_a_wildcard_in_the_address_would_match(db):
    leaver = UserFactory(email="a_b%c@example.org")
    mine = email_to(["a_b%c@example.org"])
    theirs = email_to(["axbyyc@example.org", "a_b%c@example.org.uk"])
    user_delete(user=leaver)
    assert list(Email.objects.values_list("pk", flat=True)) == [theirs.pk]
    assert not Email.objects.filter(pk=mine.pk).exists()


def test_it_leaves_other_cache_entries_alone(db):
    leaver = UserFactory(email="a_b%c@example.org")
    cache.set("greeting:axbyyc@example.org", "kept")
    user_delete(user=leaver)
    assert cache.get("greeting:axbyyc@example.org") == "kept"
