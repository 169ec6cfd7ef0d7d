"""Deletes the records of links that led nowhere once they no longer count for the rate limit.

token_failure_record drops an address's old rows only when that address fails again, so rows of
addresses that never come back would stay forever; they are IP addresses, personal data with no
purpose after the window. Run it regularly (cron or a systemd timer, e.g. hourly)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from surveys.models import TokenFailure
from surveys.queries import TOKEN_WINDOW


class Command(BaseCommand):
    help = "Löscht die Fehlversuche mit Teilnahme-Links, die älter als das Sperrfenster sind."

    def handle(self, *args, **options):
        deleted, _by_model = TokenFailure.objects.filter(
            at__lt=timezone.now() - TOKEN_WINDOW
        ).delete()
        self.stdout.write(f"{deleted} Fehlversuche gelöscht.")
