"""The portal's settings with sweeps fast enough for `make faults` (faults/run.py)."""

import os

from coalition.settings import *  # noqa: F403
from coalition.settings import CELERY_BEAT_SCHEDULE

# Beat fires the pledge reminder sweep every few seconds instead of once a day, so two beat
# processes and the worker race on the same 40 organizations.
CELERY_BEAT_SCHEDULE["send-pledge-reminders"] = {
    "task": "pledges.tasks.send_pledge_reminders",
    "schedule": float(os.environ.get("FAULTS_REMINDER_SWEEP_SECONDS", "2")),
    "args": ["first"],
}
