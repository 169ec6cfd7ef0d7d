"""Deletes the records of links that led nowhere once they no longer count for the rate limit.

token_failure_record drops an address's old rows only when that address fails again, so rows of
addresses that never come back would stay forever; they are IP addresses, personal data with no
purpose after the window. The worker (`manage.py worker`) runs the same clean-up every hour
(surveys.tasks.purge_token_failures); this command is for installations without it."""

from django.core.management.base import BaseCommand

from surveys.services import token_failures_purge


class Command(BaseCommand):
    help = "Löscht die Fehlversuche mit Teilnahme-Links, die älter als das Sperrfenster sind."

    def handle(self, *args, **options):
        deleted = token_failures_purge()
        self.stdout.write(f"{deleted} Fehlversuche gelöscht.")
