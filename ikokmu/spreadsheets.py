"""Reading and writing spreadsheets the way German offices keep them.

District offices export lists from Excel: CSV separated by semicolons, in Windows-1252 or UTF-8
(often with a byte order mark), or XLSX. `read_table` accepts all of these and returns a
tablib.Dataset with trimmed headers. Exports are written by ikokmu.exports.
"""

import csv
import io

import tablib
from django.utils.translation import gettext as _

from ikokmu.exports import unescape_csv_cell
from ikokmu.uploads import ArchiveError, check_archive

MAX_BYTES = 10 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"


class SpreadsheetError(ValueError):
    """A file we cannot read; the message is German and meant for the user."""


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without BOM) if it decodes, else Windows-1252 (Excel's 'CSV (Trennzeichen-
    getrennt)' on German Windows)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode-Text"
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _read_csv(text: str) -> tablib.Dataset:
    sample = text[:20000]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        delimiter = ";"
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as error:
        raise SpreadsheetError(_("Die Datei lässt sich nicht als Tabelle lesen.")) from error
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise SpreadsheetError(_("Die Datei ist leer."))
    headers = [cell.strip() for cell in rows[0]]
    width = len(headers)
    dataset = tablib.Dataset(headers=headers)
    for row in rows[1:]:
        # An exported cell that looked like a formula carries an apostrophe (ikokmu.exports).
        cells = [unescape_csv_cell(cell.strip()) for cell in row[:width]]
        dataset.append(cells + [""] * (width - len(cells)))
    return dataset


def _read_xlsx(raw: bytes) -> tablib.Dataset:
    from openpyxl import load_workbook

    try:
        check_archive(raw)
    except ArchiveError as error:
        raise SpreadsheetError(str(error)) from error
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise SpreadsheetError(_("Die Excel-Datei lässt sich nicht öffnen.")) from error
    sheet = workbook.worksheets[0]
    rows = [
        ["" if cell is None else str(cell).strip() for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    workbook.close()
    rows = [row for row in rows if any(row)]
    if not rows:
        raise SpreadsheetError(_("Die Datei ist leer."))
    headers = rows[0]
    while headers and not headers[-1]:
        headers = headers[:-1]
    width = len(headers)
    dataset = tablib.Dataset(headers=headers)
    for row in rows[1:]:
        cells = list(row[:width])
        dataset.append(cells + [""] * (width - len(cells)))
    return dataset


# Files that are certainly no table, by their first bytes: images, PDF, old Office, archives.
BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"%PDF",
    b"\xd0\xcf\x11\xe0",
    b"\x1f\x8b",
    b"RIFF",
    b"7z\xbc\xaf",
    b"Rar!",
)
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f"}


def _looks_binary(raw: bytes, text: str) -> bool:
    """Whether an upload is not text at all (a picture or program renamed to .csv)."""
    if raw.startswith(BINARY_MAGIC):
        return True
    sample = text[:8192]
    if "\x00" in sample:
        return True
    # Bytes that are neither UTF-8 nor printable Windows-1252 text.
    odd = sum(1 for char in sample if char in _CONTROL or char == "\ufffd")
    return odd > max(2, len(sample) / 50)


def read_table(upload) -> tablib.Dataset:
    """Read an uploaded CSV or XLSX file into a Dataset. Raises SpreadsheetError."""
    raw = upload.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise SpreadsheetError(_("Die Datei ist größer als 10 MB."))
    if not raw.strip():
        raise SpreadsheetError(_("Die Datei ist leer."))
    name = (getattr(upload, "name", "") or "").lower()
    if raw.startswith(XLSX_MAGIC):
        dataset = _read_xlsx(raw)
    elif name.endswith((".xlsx", ".xls")):
        raise SpreadsheetError(
            _("Bitte speichern Sie die Tabelle als .xlsx oder als CSV (Trennzeichen Semikolon).")
        )
    else:
        text = decode_text(raw)
        if _looks_binary(raw, text):
            raise SpreadsheetError(
                _(
                    "Die Datei ist keine lesbare CSV- oder Excel-Datei. Bitte laden Sie eine "
                    "CSV-Datei (Trennzeichen Semikolon) oder eine .xlsx-Datei hoch."
                )
            )
        dataset = _read_csv(text)
    if len({header.casefold() for header in dataset.headers}) != len(dataset.headers):
        raise SpreadsheetError(_("Eine Spaltenüberschrift kommt doppelt vor."))
    return dataset
