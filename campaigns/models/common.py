"""What several areas share: full-text search and the web-address validator."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.validators import URLValidator
from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def full_text_search(qs, text: str, *, fallback_fields: list[str], also: Q | None = None):
    """Full-text search on the stored `search_vector` on PostgreSQL, best match first; a
    plain substring match on `fallback_fields` on the SQLite demo. `also` widens the match."""
    text = text.strip()
    if not text:
        return qs
    also = also if also is not None else Q(pk__in=[])
    if connection.vendor != "postgresql":
        match = Q()
        for name in fallback_fields:
            match |= Q(**{f"{name}__icontains": text})
        return qs.filter(match | also)
    query = SearchQuery(text, search_type="websearch", config="english")
    return (
        qs.filter(Q(search_vector=query) | also)
        .annotate(rank=SearchRank("search_vector", query))
        .order_by("-rank", "-created_at", "-pk")
    )


def store_search_vector(qs, vector: SearchVector) -> None:
    # SQLite has no tsvector: the demo searches by substring instead.
    if connection.vendor == "postgresql":
        qs.update(search_vector=vector)


https_only = URLValidator(
    schemes=["http", "https"], message=_("Enter a web address starting with https://")
)
