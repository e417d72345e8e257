"""The campaigns models, one module per area; every public name is importable from here."""

from .calls import (
    ZONE_NAMES,
    AgendaItem,
    CalendarFeedToken,
    CallAnnouncement,
    CallAttendance,
    CallRSVP,
    StrategyCall,
    StrategyCallQuerySet,
    coalition_zone,
    new_feed_token,
    zone_label,
)
from .common import full_text_search, https_only, store_search_vector
from .days import DayOfAction, DayOfActionParticipation, DayOfActionQuerySet
from .followups import CallMinutesEmail, CallReminder, UpdateEmailing
from .legislation import (
    EARLIEST_BILL_DATE,
    STATE_NAMES,
    UNITED_STATES,
    Initiative,
    InitiativeExport,
    InitiativeQuerySet,
    InitiativeStatusChange,
    Report,
    Topic,
    normalize_bill_number,
    place_name,
)
from .practices import Practice, PracticeQuerySet, PracticeTried
from .updates import CoalitionUpdate, CoalitionUpdateQuerySet, UpdateShare

__all__ = [
    "EARLIEST_BILL_DATE",
    "STATE_NAMES",
    "UNITED_STATES",
    "ZONE_NAMES",
    "AgendaItem",
    "CalendarFeedToken",
    "CallAnnouncement",
    "CallAttendance",
    "CallMinutesEmail",
    "CallReminder",
    "CallRSVP",
    "CoalitionUpdate",
    "CoalitionUpdateQuerySet",
    "DayOfAction",
    "DayOfActionParticipation",
    "DayOfActionQuerySet",
    "Initiative",
    "InitiativeExport",
    "InitiativeQuerySet",
    "InitiativeStatusChange",
    "Practice",
    "PracticeQuerySet",
    "PracticeTried",
    "Report",
    "StrategyCall",
    "StrategyCallQuerySet",
    "Topic",
    "UpdateEmailing",
    "UpdateShare",
    "coalition_zone",
    "full_text_search",
    "https_only",
    "new_feed_token",
    "normalize_bill_number",
    "place_name",
    "store_search_vector",
    "zone_label",
]
