from django.core.management.base import BaseCommand, CommandError

from ikokmu import devdb


class Command(BaseCommand):
    help = "Verwaltet den eingebetteten PostgreSQL-Server in var/pgdata (start|status|stop|url)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["start", "status", "stop", "url"])
        parser.add_argument("--quiet", action="store_true", help="Nur Fehler ausgeben.")
        parser.add_argument(
            "--owner",
            action="store_true",
            help="url: die Adresse der Eigentümer-Rolle (Migrationen) statt der Anwendung.",
        )

    def handle(self, *args, action, quiet, owner, **options):
        from django.conf import settings

        if not settings.DATABASES["default"].get("EMBEDDED"):
            if not quiet:
                self.stdout.write(
                    "DATABASE_URL ist gesetzt: der eingebettete Server wird nicht verwendet."
                )
            return
        if action == "start":
            devdb.ensure_running()
            if not quiet:
                self.stdout.write(f"Eingebetteter PostgreSQL-Server läuft ({devdb.PGDATA}).")
        elif action == "status":
            host = devdb.socket_dir()
            if host:
                self.stdout.write(f"läuft: {devdb.PGDATA}, Socket in {host}")
            else:
                self.stdout.write(f"gestoppt: {devdb.PGDATA}")
        elif action == "stop":
            if devdb.stop():
                self.stdout.write("Eingebetteter PostgreSQL-Server gestoppt.")
            else:
                raise CommandError("Es läuft kein eingebetteter PostgreSQL-Server.")
        elif action == "url":
            self.stdout.write(devdb.url(devdb.OWNER_ROLE if owner else devdb.APP_ROLE))
