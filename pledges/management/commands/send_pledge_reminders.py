import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pledges.models import Reminder, month
from pledges.services import reminder_stage_due, reminder_sweep


def parse_month(value: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        raise CommandError(f"--month must look like 2026-03, not {value!r}") from None


class Command(BaseCommand):
    help = "Run the pledge reminder sweep by hand (the daily beat task runs the same sweep)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Print, send nothing.")
        parser.add_argument(
            "--month", dest="first", type=parse_month, help="YYYY-MM; this month if omitted."
        )
        parser.add_argument(
            "--stage",
            choices=Reminder.Stage.values,
            help="Which reminder; the one due today if omitted.",
        )

    def handle(self, *args, dry_run: bool, first: datetime.date | None, stage, **options):
        today = timezone.localdate()
        first = first or month(today)
        stage = stage or reminder_stage_due(today)
        if stage is None:
            self.stdout.write("No reminder is due today. Use --stage to send one anyway.")
            return
        items = reminder_sweep(first=first, stage=stage, today=today, dry_run=dry_run)
        verb = "Would send" if dry_run else "Sent"
        for item in items:
            to = ", ".join(item.recipients) or "nobody (no one left to remind)"
            self.stdout.write(
                f"{verb} the {stage} reminder for {first:%B %Y} to {item.organization}: {to}"
            )
        plural = "" if len(items) == 1 else "s"
        self.stdout.write(f"{verb} {len(items)} {stage} reminder{plural} for {first:%B %Y}.")
