from django.core.cache import cache
from django.core.management import call_command


def test_a_release_empties_the_cache_but_keeps_people_signed_in(client, member_a):
    client.force_login(member_a)
    cache.set("campaigns:dashboard-panels", {"version": "old", "value": "old markup"})
    call_command("clear_cache")
    assert cache.get("campaigns:dashboard-panels") is None
    assert client.get("/dashboard/").status_code == 200  # the session is read from the database
