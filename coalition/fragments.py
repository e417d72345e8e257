"""Values shared through the cache that are never used once what they show has changed.

Each value is stored with a label: the version its source had when it was read. The version
lives in the cache too and every change to the source replaces it (`changed`) twice: inside
the writing transaction (with the database cache it commits or rolls back with the write) and
again after commit (so a reader that read the old rows just before the commit cannot label
them with the new version). A value whose label differs from the current version is read again.
Everything a page needs is fetched in one round trip (`read`).
"""

import uuid
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import transaction


def changed(version_key: str) -> None:
    """Retire every value labelled with the current version of `version_key`."""
    _replace(version_key)
    transaction.on_commit(lambda: _replace(version_key))


def _replace(version_key: str) -> None:
    cache.set(version_key, uuid.uuid4().hex, None)


@dataclass
class Found:
    key: str
    version: str
    value: Any  # None when missing or labelled with an older version

    def store(self, value: Any, timeout: int) -> Any:
        cache.set(self.key, {"version": self.version, "value": value}, timeout)
        self.value = value
        return value


def read(pairs: dict[str, tuple[str, str]]) -> dict[str, Found]:
    """{name: (value key, version key)} -> {name: Found}, in one cache read.

    The version is read before the caller reads the rows, so a change committed meanwhile
    replaces it and the value stored with this label is never used after it.
    """
    wanted = {key for pair in pairs.values() for key in pair}
    got = cache.get_many(list(wanted))
    out = {}
    for name, (key, version_key) in pairs.items():
        version = got.get(version_key)
        if not version:
            cache.add(version_key, uuid.uuid4().hex, None)
            version = cache.get(version_key)
            got[version_key] = version
        stored = got.get(key)
        value = stored["value"] if stored and stored.get("version") == version else None
        out[name] = Found(key, version, value)
    return out
