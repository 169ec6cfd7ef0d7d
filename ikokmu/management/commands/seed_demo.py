from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand

from ikokmu.demo import DEMO_PASSWORD, seed_core


class Command(BaseCommand):
    help = "Legt die Demodaten an oder bringt sie auf den neuesten Stand (wiederholbar)."

    def handle(self, *args, **options):
        rows = seed_core()
        # Then each app's demo.seed(), in INSTALLED_APPS order (districts before catalog, …).
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if config.name == "ikokmu" or find_spec(module_name) is None:
                continue
            summary = import_module(module_name).seed()
            if summary:
                self.stdout.write(f"  {config.verbose_name}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demodaten sind angelegt."))
        self.stdout.write("")
        self.stdout.write(f"Demo-Zugänge (Passwort für alle: {DEMO_PASSWORD}):")
        for username, role, districts in rows:
            suffix = f" – {districts}" if districts else ""
            self.stdout.write(f"  {username:<15} {role}{suffix}")
        self.stdout.write("")
        # SITE_URL follows HOST and PORT of `make run` (settings), so this is the real address.
        self.stdout.write(f"Die Plattform läuft gleich unter {settings.SITE_URL}/")
