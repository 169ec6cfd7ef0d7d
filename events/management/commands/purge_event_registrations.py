import datetime

from django.conf import settings
from django.core.management.base import BaseCommand

from events.services import registrations_purge_expired


class Command(BaseCommand):
    help = (
        "Löscht Anmeldungen ohne Einwilligung in spätere Kontaktaufnahme, deren Veranstaltung "
        "länger als EVENT_REGISTRATION_RETENTION_DAYS (Standard 90) Tage vorbei ist. Täglich "
        "ausführen, zum Beispiel per cron oder systemd-Timer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--heute",
            dest="today",
            type=datetime.date.fromisoformat,
            help="Stichtag (JJJJ-MM-TT) statt des heutigen Tages.",
        )

    def handle(self, *args, today=None, **options):
        count = registrations_purge_expired(today=today)
        days = settings.EVENT_REGISTRATION_RETENTION_DAYS
        self.stdout.write(f"{count} Anmeldung(en) gelöscht (älter als {days} Tage).")
