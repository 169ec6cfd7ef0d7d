"""The participant list as CSV or XLSX, written by the platform's export writer
(ikokmu.exports): registrants type their names and organisations themselves, so every text
stays text and control characters are dropped."""

from django.utils import timezone

from events.models import Registration
from ikokmu import exports

HEADERS = [
    "Nachname",
    "Vorname",
    "Organisation",
    "Funktion",
    "E-Mail",
    "Telefon",
    "Status",
    "Angemeldet am",
    "Eingecheckt am",
    "Einwilligung Kontaktaufnahme",
    "Antworten",
]


def rows(registrations) -> list[list]:
    result = []
    for r in registrations:
        result.append(
            [
                r.last_name,
                r.first_name,
                r.organization.name if r.organization else r.organization_name,
                r.function,
                r.email,
                r.phone,
                str(Registration.Status(r.status).label),
                timezone.localtime(r.created_at).strftime("%d.%m.%Y %H:%M"),
                timezone.localtime(r.checked_in_at).strftime("%d.%m.%Y %H:%M")
                if r.checked_in_at
                else "",
                "ja" if r.contact_consent_at else "nein",
                "; ".join(f"{k}: {v}" for k, v in (r.answers or {}).items()),
            ]
        )
    return result


def csv_bytes(registrations) -> bytes:
    return exports.csv_bytes([HEADERS, *rows(registrations)])


def xlsx_bytes(registrations) -> bytes:
    with exports.xlsx_file([("Teilnehmende", [HEADERS, *rows(registrations)])]) as handle:
        return handle.read()
