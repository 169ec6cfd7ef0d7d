from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ikokmu.backup import BackupError, backup_create, default_archive_name


class Command(BaseCommand):
    help = (
        "Sichert Datenbank (pg_dump) und Dateiordner in ein tar-Archiv mit manifest.json und "
        "Prüfsummen (README „Sicherung und Wiederherstellung“)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            help="Pfad des Archivs (Standard: var/backups/ikokmu-JJJJMMTT-HHMMSS.tar).",
        )

    def handle(self, *args, output, **options):
        try:
            summary = backup_create(output=output or default_archive_name())
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Sicherung geschrieben: {summary.path} ({summary.size / 1e6:.1f} MB, Datenbank und "
            f"{summary.files} Dateien)"
        )
