"""Delete audio files, transcripts and pseudonym keys whose retention date has come.

Run daily (cron or a scheduled task). `--today` fixes the day, for tests and catching up.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from interviews.services import retention_apply


class Command(BaseCommand):
    help = "Wendet die Löschfristen der Interviewstudien an und protokolliert jede Löschung."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args, today=None, **options):
        today = today or timezone.localdate()
        log = retention_apply(today=today)
        for line in log:
            self.stdout.write(line)
        self.stdout.write(f"{len(log)} Löschungen zum {today:%d.%m.%Y}.")
