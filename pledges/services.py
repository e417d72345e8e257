import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction

from members.models import Organization

from .models import Activity


@transaction.atomic
def activity_credit(
    *,
    organization: Organization,
    on: datetime.date,
    kind: Activity.Kind,
    source: models.Model,
    summary: str,
    link: str = "",
) -> Activity:
    """Credit `organization`'s pledge for the month holding `on`, citing `source`.

    The one way other apps credit a pledge. A source credits once: calling this again
    for the same source returns the existing credit and changes nothing.
    """
    source_type = ContentType.objects.get_for_model(source)
    existing = Activity.objects.filter(source_type=source_type, source_id=source.pk).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return Activity.objects.create(
                organization=organization,
                kind=kind,
                occurred_on=on,
                summary=summary,
                link=link,
                source_type=source_type,
                source_id=source.pk,
            )
    except IntegrityError:
        # Another transaction credited the same source a moment ago.
        return Activity.objects.get(source_type=source_type, source_id=source.pk)


@transaction.atomic
def activity_uncredit(*, source: models.Model) -> None:
    """Take back the credit `source` gave, if any (attendance removed, for example)."""
    source_type = ContentType.objects.get_for_model(source)
    Activity.objects.filter(source_type=source_type, source_id=source.pk).delete()
