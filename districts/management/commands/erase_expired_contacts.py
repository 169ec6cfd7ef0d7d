from django.core.management.base import BaseCommand

from districts.services import contacts_erase_expired


class Command(BaseCommand):
    help = (
        "Löscht Ansprechpersonen, deren Löschdatum überschritten ist (Art. 17 DSGVO). "
        "Täglich ausführen, zum Beispiel per cron oder systemd-Timer."
    )

    def handle(self, *args, **options):
        count = contacts_erase_expired()
        self.stdout.write(f"{count} Ansprechperson(en) gelöscht.")
