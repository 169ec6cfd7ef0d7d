"""The first privacy notice of event registrations (also written by migration 0002). A later
text is a new PrivacyNotice row with a new version, added in the admin."""

import datetime

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


FIRST_VERSION = {
    "version": "2026-12",
    "text": TEXT,
    "contact_consent_text": CONTACT_TEXT,
    "valid_from": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
}
