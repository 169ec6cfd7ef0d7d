from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ikokmu.backup import BackupError, backup_restore, backup_verify


class Command(BaseCommand):
    help = (
        "Stellt eine Sicherung von `manage.py backup` wieder her: prüft zuerst alle Prüfsummen, "
        "dann Datenbank und Dateiordner (nur in eine leere Datenbank, außer mit --replace)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Vorhandene Daten und Dateien ersetzen (sonst nur in eine leere Datenbank).",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Nur die Prüfsummen des Archivs prüfen, nichts wiederherstellen.",
        )

    def handle(self, *args, archive, replace, check, **options):
        if not archive.is_file():
            raise CommandError(f"Archiv nicht gefunden: {archive}")
        try:
            if check:
                manifest = backup_verify(archive)
                self.stdout.write(
                    f"Archiv in Ordnung: {len(manifest['files'])} Dateien, erstellt "
                    f"{manifest['created_at']}"
                )
                return
            summary = backup_restore(archive=archive, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Wiederhergestellt aus {summary.path}: Datenbank und {summary.files} Dateien."
        )
