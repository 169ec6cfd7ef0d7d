"""The first version of the privacy notice of event registrations."""

import datetime

from django.db import migrations

TEXT = (
    "Verantwortlich ist das IKÖKMU-Projektteam. Wir verarbeiten Ihre Angaben (Name, "
    "Organisation, Funktion, E-Mail-Adresse, freiwillig Telefonnummer und Ihre Antworten auf die "
    "Fragen zur Anmeldung), um die Veranstaltung zu organisieren: Anmeldebestätigung, Warteliste, "
    "Erinnerung, Teilnahmeliste und Einlass. Rechtsgrundlage ist Art. 6 Abs. 1 lit. b DSGVO. Die "
    "Veranstaltenden im Landratsamt sehen die Anmeldungen ihrer Veranstaltungen. Ohne Ihre "
    "Einwilligung in eine spätere Kontaktaufnahme löschen wir die Anmeldung 90 Tage nach der "
    "Veranstaltung. Sie können Ihre Anmeldung jederzeit über Ihren persönlichen Link absagen und "
    "haben das Recht auf Auskunft, Berichtigung, Löschung und Beschwerde bei einer "
    "Aufsichtsbehörde; mehr in unserer Datenschutzerklärung."
)
CONTACT_TEXT = (
    "Ich bin einverstanden, dass das IKÖKMU-Projekt mich nach der Veranstaltung als "
    "Ansprechperson meiner Organisation speichert und zu Angeboten der interkulturellen Öffnung "
    "kontaktiert. Diese Einwilligung kann ich jederzeit widerrufen."
)


def create(apps, schema_editor):
    PrivacyNotice = apps.get_model("events", "PrivacyNotice")
    PrivacyNotice.objects.get_or_create(
        version="2026-12",
        defaults={
            "text": TEXT,
            "contact_consent_text": CONTACT_TEXT,
            "valid_from": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
