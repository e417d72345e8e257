"""What several areas share: taking back the credit of deleted rows."""

from collections.abc import Iterable

from django.db import models, transaction

from pledges.services import activity_uncredit


@transaction.atomic
def credit_sources_delete(*, sources: Iterable[models.Model]) -> None:
    """Delete rows that credited a pledge (a day of action taken part in, a shared update,
    an accepted practice) and take back the credit each gave."""
    for source in sources:
        activity_uncredit(source=source)
        source.delete()
