"""The participant list as CSV or XLSX.

Registrants type their names and organisations themselves, so every text stays text: this
follows the formula-safe approach of surveys/exports.py (a leading '=', '+', '-', '@' gets an
apostrophe in CSV and is stored as a string cell in XLSX; control characters are dropped). The
platform's shared export writer replaces this module once it lands in ikokmu."""

import csv
import io
import re

from django.utils import timezone

from events.models import Registration

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

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


def _safe(value):
    if isinstance(value, str):
        value = _CONTROL.sub("", value)
    return value


def csv_bytes(registrations) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows(registrations):
        writer.writerow(
            [
                "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v
                for v in map(_safe, row)
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(registrations) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Teilnehmende")
    bold = Font(bold=True)
    header = []
    for value in HEADERS:
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows(registrations):
        cells = []
        for value in map(_safe, row):
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the registrant typed
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
