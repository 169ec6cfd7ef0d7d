"""A round's answers as CSV, XLSX and SPSS .sav: one row per submitted response, one column per
question code (matrix: code_item; multiple choice: one 0/1 column per choice code; "Sonstiges":
code_other_text), and a codebook of the variables, their questions and their values.

Values: single choice and yes/no hold the choice code in CSV/XLSX and the choice's position
(1, 2, …) in SPSS, with the labels as value labels; a scale answer "weiß nicht" is DONT_KNOW in
every format (in SPSS a user-missing value). A free text the team hid is left empty. Questions a
respondent did not answer are empty (multiple choice too: empty, not 0).

Anonymous rounds: no organisation, invitation, e-mail or token-derived column, the submission
date without the time, and rows in an order derived from a keyed hash of the response, so their
order follows neither the invitations nor the time of answering. Personalised rounds add the
organisation's name, WZ sector and size class and the exact submission time.

Anonymous rounds exported for district staff are coarsened by surveys.disclosure (numbers and
dates in the results page's bands, free texts only where the team released them, rare rows
generalised, then left out, with the count of changes in the codebook); the team's exports and
those of personalised rounds hold the full data.

Rows come from a server-side cursor in chunks (`_rows`): CSV streams, XLSX goes through openpyxl's
write-only workbook into a temporary file, so neither holds all rows in memory. The .sav is
written by pyreadstat from a polars data frame, which does hold the round's answers.
"""

import csv
import datetime
import io
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from districts.models import Organization
from surveys import disclosure, tokens
from surveys.models import Question, SurveyRound
from surveys.queries import text_in, version_structure

DONT_KNOW = 99
CHUNK = 2000


@dataclass
class Variable:
    name: str
    label: str
    kind: str  # "number", "text", "date", "datetime"
    question_type: str = ""
    # The value in CSV/XLSX and in SPSS, with its meaning, for the codebook and value labels.
    values: list[tuple[str | int, int | float, str]] = field(default_factory=list)
    # How to read the value from one response's answers.
    question_id: int | None = None
    item_id: int | None = None
    choice_id: int | None = None
    part: str = ""  # "", "other", "tick"

    @property
    def spss_labels(self) -> dict:
        return {float(spss): label for _code, spss, label in self.values}


def _name(raw: str, taken: set[str]) -> str:
    name = raw.replace("-", "_")
    if not name[:1].isalpha():
        name = "v" + name
    name = name[:60]
    candidate, n = name, 2
    while candidate.lower() in taken:
        candidate, n = f"{name}_{n}", n + 1
    taken.add(candidate.lower())
    return candidate


def _scale_values(question: Question) -> list[tuple]:
    points = question.scale_points or 5
    values = []
    for n in range(1, points + 1):
        label = str(n)
        if n == 1 and question.scale_low_label:
            label = f"1 {text_in(question.scale_low_label, 'de')}"
        if n == points and question.scale_high_label:
            label = f"{n} {text_in(question.scale_high_label, 'de')}"
        values.append((n, n, label))
    if question.allow_dont_know:
        values.append((DONT_KNOW, DONT_KNOW, "weiß nicht"))
    return values


def variables(survey_round: SurveyRound) -> list[Variable]:
    """The export's columns for the round, in the questionnaire's order."""
    personalised = survey_round.anonymity == SurveyRound.Anonymity.PERSONALISED
    taken: set[str] = set()
    columns = [Variable(_name("nr", taken), "Laufende Nummer", "number")]
    if personalised:
        columns += [
            Variable(_name("organisation", taken), "Organisation", "text", part="organisation"),
            Variable(
                _name("branche", taken),
                "Branche (WZ 2008)",
                "text",
                part="sector",
                values=[
                    (c, i, str(label))
                    for i, (c, label) in enumerate(Organization.Sector.choices, 1)
                ],
            ),
            Variable(_name("groesse", taken), "Größenklasse", "text", part="size_class"),
            Variable(_name("abgeschickt", taken), "Abgeschickt am", "datetime", part="submitted"),
        ]
        columns.append(Variable(_name("sprache", taken), "Sprache", "text", part="language"))
    # An anonymous round exports neither the day of submission nor the language: the round page
    # shows each invitation's language and reminders, so "the only Turkish row" or "the only
    # row before the first reminder" would name the invitation it came from.
    structure = version_structure(survey_round.version_id, version=survey_round.version)
    T = Question.Type
    for question in structure.questions:
        text = text_in(question.text, "de")
        common = {"question_type": question.type, "question_id": question.pk}
        if question.type in (T.SINGLE_CHOICE, T.YES_NO):
            values = [
                (c.code, i, text_in(c.label, "de")) for i, c in enumerate(question.choices_list, 1)
            ]
            columns.append(
                Variable(_name(question.code, taken), text, "number", values=values, **common)
            )
        elif question.type == T.MULTIPLE_CHOICE:
            for choice in question.choices_list:
                columns.append(
                    Variable(
                        _name(f"{question.code}_{choice.code}", taken),
                        f"{text}: {text_in(choice.label, 'de')}",
                        "number",
                        values=[(0, 0, "nicht gewählt"), (1, 1, "gewählt")],
                        choice_id=choice.pk,
                        part="tick",
                        **common,
                    )
                )
        elif question.type == T.RATING:
            columns.append(
                Variable(
                    _name(question.code, taken),
                    text,
                    "number",
                    values=_scale_values(question),
                    **common,
                )
            )
        elif question.type == T.MATRIX:
            for item in question.items_list:
                columns.append(
                    Variable(
                        _name(f"{question.code}_{item.code}", taken),
                        f"{text}: {text_in(item.label, 'de')}",
                        "number",
                        values=_scale_values(question),
                        item_id=item.pk,
                        **common,
                    )
                )
        elif question.type == T.NUMBER:
            unit = text_in(question.unit, "de")
            label = f"{text} ({unit})" if unit else text
            columns.append(Variable(_name(question.code, taken), label, "number", **common))
        elif question.type == T.DATE:
            columns.append(Variable(_name(question.code, taken), text, "date", **common))
        else:
            columns.append(Variable(_name(question.code, taken), text, "text", **common))
        if question.has_other and question.type in (T.SINGLE_CHOICE, T.MULTIPLE_CHOICE):
            columns.append(
                Variable(
                    _name(f"{question.code}_other_text", taken),
                    f"{text}: Sonstiges (Text)",
                    "text",
                    part="other",
                    **common,
                )
            )
    return columns


def _export(survey_round: SurveyRound, *, coarse: bool, spss: bool = False):
    """The export's columns, its rows and the codebook's notes on disclosure control: coarsened
    for district staff in anonymous rounds (`coarse`), full otherwise."""
    columns = variables(survey_round)
    rows = _coded_rows(survey_round, columns, spss=spss)
    if not coarse:
        return columns, rows, []
    coarsening = disclosure.coarsening_for(survey_round, columns)
    return coarsening.columns, coarsening.apply(rows, spss=spss), coarsening.notes


def codebook(columns: list[Variable], notes: list[list] | None = None) -> list[list]:
    """Rows of the codebook: Variable, Frage/Bedeutung, Fragetyp, Wert (CSV/XLSX), Wert (SPSS),
    Wertbedeutung; then the notes on what disclosure control changed, if any."""
    types = dict(Question.Type.choices)
    rows = [["Variable", "Bezeichnung", "Fragetyp", "Wert", "Wert (SPSS)", "Bedeutung"]]
    for column in columns:
        kind = str(types.get(column.question_type, "")) if column.question_type else ""
        rows.append([column.name, column.label, kind, "", "", ""])
        for code, spss, label in column.values:
            rows.append([column.name, "", "", code, spss, label])
    return rows + (notes or [])


# Reading the rows -----------------------------------------------------------------------------

# One row per answer (a response without answers gives one row of NULLs), sorted by response:
# a single pass over the answers with a hash join, rather than a lookup per response.
_ROWS_SQL = """
WITH responses AS (
    SELECT r.id, r.submitted_at, r.language, {organisation}, {order} AS sort_key
    FROM surveys_response r {joins}
    WHERE r.round_id = %(round)s AND r.submitted_at IS NOT NULL
),
ticks AS (
    SELECT ac.answer_id, array_agg(ac.choice_id) AS choices
    FROM surveys_answerchoice ac
    JOIN surveys_answer a ON a.id = ac.answer_id
    JOIN responses s ON s.id = a.response_id
    GROUP BY ac.answer_id
)
SELECT s.id, extract(epoch FROM s.submitted_at)::float8, s.language, s.org_name, s.sector,
       s.size_class,
       a.question_id, a.item_id, a.choice_id, a.number::float8,
       CASE WHEN h.id IS NULL THEN a.text ELSE '' END, a.date, a.dont_know, t.choices
FROM responses s
LEFT JOIN surveys_answer a ON a.response_id = s.id
LEFT JOIN surveys_hiddentext h ON h.answer_id = a.id
LEFT JOIN ticks t ON t.answer_id = a.id
ORDER BY s.sort_key, s.id
"""
# surveys.disclosure._KEYS_SQL reads the responses of an anonymous round in this same order (the
# coarsened export pairs its rows with them, and refuses if they differ): change both together.


def _rows(survey_round: SurveyRound, columns: list[Variable]) -> Iterator[list]:
    """The export rows, read in chunks from a server-side cursor (inside a transaction, so the
    cursor need not be held open across commits) and put together response by response."""
    personalised = survey_round.anonymity == SurveyRound.Anonymity.PERSONALISED
    if personalised:
        sql = _ROWS_SQL.format(
            organisation="COALESCE(o.name, NULLIF(i.recipient_name, '')) AS org_name, "
            "o.sector, o.size_class",
            joins="LEFT JOIN surveys_invitation i ON i.id = r.invitation_id "
            "LEFT JOIN districts_organization o ON o.id = i.organization_id",
            order="r.submitted_at",
        )
    else:
        sql = _ROWS_SQL.format(
            organisation="NULL::text AS org_name, NULL::text AS sector, NULL::text AS size_class",
            joins="",
            order="md5(%(key)s || r.id::text)",
        )
    params = {
        "round": survey_round.pk,
        "key": tokens.round_secret("survey-export-order", survey_round.pk),
    }
    with transaction.atomic(), connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        number, current, meta, answers, ticked = 0, None, None, [], set()
        while True:
            chunk = cursor.fetchmany(CHUNK * 20)
            if not chunk:
                break
            for record in chunk:
                if record[0] != current:
                    if current is not None:
                        number += 1
                        yield _row(number, meta, answers, ticked, columns)
                    current, meta, answers, ticked = record[0], record[1:6], [], set()
                if record[6] is not None:
                    answers.append(record[6:13])
                    if record[13]:
                        ticked.update(record[13])
        if current is not None:
            yield _row(number + 1, meta, answers, ticked, columns)


def _as_decimal(value):
    if value is None:
        return None
    value = Decimal(str(value))
    return int(value) if value == value.to_integral_value() else value


def _row(number: int, meta, answers: list, ticked: set, columns: list[Variable]) -> list:
    submitted, language, organisation, sector, size_class = meta
    by_key = {}
    answered = set()
    for question_id, item_id, choice_id, value, text, date, dont_know in answers:
        by_key[(question_id, item_id)] = (choice_id, value, text, date, dont_know)
        answered.add(question_id)
    # Seconds since the epoch: a timestamp with time zone on every answer row cost more.
    submitted = timezone.localtime(datetime.datetime.fromtimestamp(submitted, tz=datetime.UTC))
    row = []
    for column in columns:
        if column.question_id is None:
            row.append(
                {
                    "": number,
                    "organisation": organisation or "",
                    "sector": sector or "",
                    "size_class": size_class or "",
                    "submitted": submitted.replace(tzinfo=None, microsecond=0)
                    if column.kind == "datetime"
                    else submitted.date(),
                    "language": language,
                }[column.part]
            )
            continue
        if column.part == "tick":
            row.append(
                (1 if column.choice_id in ticked else 0) if column.question_id in answered else None
            )
            continue
        found = by_key.get((column.question_id, column.item_id))
        if found is None:
            row.append(None)
            continue
        choice_id, value, text, date, dont_know = found
        if column.part == "other":
            row.append(text or None)
        elif column.values and column.question_type in ("single_choice", "yes_no"):
            row.append(choice_id)  # resolved per format
        elif column.kind == "number":
            row.append(DONT_KNOW if dont_know else _as_decimal(value))
        elif column.kind == "date":
            row.append(date)
        else:
            row.append(text or None)
    return row


def _choice_maps(survey_round: SurveyRound) -> tuple[dict, dict]:
    structure = version_structure(survey_round.version_id, version=survey_round.version)
    codes, positions = {}, {}
    for question in structure.questions:
        for index, choice in enumerate(question.choices_list, 1):
            codes[choice.pk], positions[choice.pk] = choice.code, index
    return codes, positions


def _choice_columns(columns: list[Variable]) -> list[int]:
    return [
        i
        for i, c in enumerate(columns)
        if c.values and c.question_type in ("single_choice", "yes_no") and c.part == ""
    ]


def _coded_rows(survey_round, columns, *, spss=False) -> Iterator[list]:
    codes, positions = _choice_maps(survey_round)
    lookup = positions if spss else codes
    choice_columns = _choice_columns(columns)
    for row in _rows(survey_round, columns):
        for i in choice_columns:
            if row[i] is not None:
                row[i] = lookup.get(row[i])
        yield row


# CSV --------------------------------------------------------------------------------------------


class _Echo:
    def write(self, value):
        return value


# Characters a spreadsheet program reads as the start of a formula. A respondent's text must stay
# text: '=HYPERLINK("https://…?"&A1)' in a free text would otherwise run in the district's Excel.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Control characters XML (and so XLSX) cannot hold; a respondent's text may contain them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _clean_text(value: str) -> str:
    return _CONTROL.sub("", value)


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        value = _clean_text(value)
        # The OWASP advice for CSV: a leading apostrophe makes Excel show the text as it is.
        return "'" + value if value.startswith(_FORMULA_START) else value
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")  # German spreadsheets read a decimal comma
    if isinstance(value, datetime.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return value


def csv_lines(survey_round: SurveyRound, *, coarse: bool = False) -> Iterator[str]:
    """The answers as CSV lines (semicolon, UTF-8 with BOM, as German Excel expects), streamed."""
    columns, rows, _notes = _export(survey_round, coarse=coarse)
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow([c.name for c in columns])
    for row in rows:
        yield writer.writerow([_csv_cell(v) for v in row])


def codebook_csv(survey_round: SurveyRound, *, coarse: bool = False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    if coarse:
        coarsening = disclosure.coarsening_for(survey_round, variables(survey_round))
        rows = codebook(coarsening.columns, coarsening.notes)
    else:
        rows = codebook(variables(survey_round))
    for row in rows:
        writer.writerow(row)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# XLSX -------------------------------------------------------------------------------------------


def xlsx_file(survey_round: SurveyRound, *, coarse: bool = False) -> tempfile.SpooledTemporaryFile:
    """The answers as an XLSX workbook (sheets "Antworten" and "Codebuch") in a temporary file,
    opened for reading and already unlinked (it disappears when closed)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    columns, rows, notes = _export(survey_round, coarse=coarse)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Antworten")
    bold = Font(bold=True)

    def header(values):
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            cell.font = bold
            cells.append(cell)
        return cells

    sheet.append(header([c.name for c in columns]))
    date_columns = [i for i, c in enumerate(columns) if c.kind in ("date", "datetime")]
    for row in rows:
        for i, value in enumerate(row):
            if isinstance(value, str):
                value = _clean_text(value)
                row[i] = value
                if value.startswith("="):
                    # openpyxl stores a string starting with "=" as a formula; keep it a string.
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"
                    row[i] = cell
        for i in date_columns:
            if row[i] is not None:
                cell = WriteOnlyCell(sheet, value=row[i])
                cell.number_format = (
                    "DD.MM.YYYY HH:MM" if isinstance(row[i], datetime.datetime) else "DD.MM.YYYY"
                )
                row[i] = cell
        sheet.append(row)
    book = workbook.create_sheet("Codebuch")
    book_rows = codebook(columns, notes)
    book.append(header(book_rows[0]))
    for row in book_rows[1:]:
        book.append(row)
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False)  # noqa: SIM115
    handle.close()
    try:
        workbook.save(handle.name)
        result = open(handle.name, "rb")  # noqa: SIM115
    finally:
        os.unlink(handle.name)
    return result


# SPSS -------------------------------------------------------------------------------------------


def sav_file(survey_round: SurveyRound, *, coarse: bool = False):
    """The answers as an SPSS .sav file with variable and value labels ("weiß nicht" as a
    user-missing value), opened for reading and already unlinked."""
    import polars as pl
    import pyreadstat

    columns, rows, _notes = _export(survey_round, coarse=coarse, spss=True)
    data: list[list] = [[] for _c in columns]
    for row in rows:
        for index, value in enumerate(row):
            data[index].append(value)
    series = []
    for column, values in zip(columns, data, strict=True):
        if column.kind == "number":
            series.append(
                pl.Series(
                    column.name, [None if v is None else float(v) for v in values], dtype=pl.Float64
                )
            )
        elif column.kind == "date":
            series.append(pl.Series(column.name, values, dtype=pl.Date))
        elif column.kind == "datetime":
            series.append(pl.Series(column.name, values, dtype=pl.Datetime("us")))
        else:
            series.append(
                pl.Series(
                    column.name, ["" if v is None else str(v) for v in values], dtype=pl.String
                )
            )
    frame = pl.DataFrame(series)
    value_labels = {c.name: c.spss_labels for c in columns if c.values and c.kind == "number"}
    missing = {
        c.name: [float(DONT_KNOW)]
        for c in columns
        if any(code == DONT_KNOW for code, _s, _l in c.values)
    }
    handle = tempfile.NamedTemporaryFile(suffix=".sav", delete=False)  # noqa: SIM115
    handle.close()
    try:
        pyreadstat.write_sav(
            frame,
            handle.name,
            file_label=survey_round.title[:64],
            column_labels={c.name: c.label[:250] for c in columns},
            variable_value_labels=value_labels,
            missing_ranges=missing,
        )
        result = open(handle.name, "rb")  # noqa: SIM115
    finally:
        os.unlink(handle.name)
    return result


def row_count(survey_round: SurveyRound) -> int:
    return survey_round.responses.filter(submitted_at__isnull=False).count()
