"""The project team exports the catalogue as CSV/XLSX and imports changed lists with a preview:
broken rows are named with their reasons, nothing is stored before the confirmation."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from catalog.models import LiteratureReference, Measure, Offer, Provider, Status
from ikokmu.models import AuditEvent
from ikokmu.roles import Role
from tests.catalog.factories import MeasureFactory, OfferFactory, ProviderFactory, field
from tests.factories import DistrictFactory, user_with_role


def csv_file(rows, *, encoding="cp1252", name="liste.csv"):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode(encoding), content_type="text/csv")


MEASURE_HEADER = [
    "Titel", "Kurzbeschreibung", "Handlungsfelder", "Zielgruppen", "Aufwand", "Personentage",
    "MigraNet-Angebote", "Status",
]  # fmt: skip


class CatalogImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.team = user_with_role(Role.PROJECT_TEAM, username="projekt")
        cls.offer = OfferFactory(title="Sprachcoaching", slug="sprachcoaching")
        cls.existing = MeasureFactory(
            title="Glossar der Fachbegriffe",
            slug="glossar-der-fachbegriffe",
            summary="Alt.",
            fields_of_action=[field("sprache")],
        )

    def setUp(self):
        self.client.force_login(self.team)
        self.url = reverse("catalog:import", args=["massnahmen"])

    def preview(self, upload):
        response = self.client.post(self.url, {"file": upload})
        self.assertEqual(response.status_code, 200)
        return response

    def confirm(self, response):
        return self.client.post(
            self.url, {"pending": response.context["pending"].id, "confirm": "1"}, follow=True
        )

    def test_broken_rows_are_named_and_only_good_rows_are_stored_after_confirming(self):
        upload = csv_file(
            [
                MEASURE_HEADER,
                ["Sprachcafé für Beschäftigte", "Einmal pro Woche Deutsch üben.",
                 "Sprache und Kommunikation; onboarding", "KMU; Kommune", "gering", "1,5",
                 "sprachcoaching", "Veröffentlicht"],
                ["Glossar der Fachbegriffe", "Neu formuliert.", "Sprache und Kommunikation",
                 "", "mittel", "", "", ""],
                ["Ohne Handlungsfeld", "Text.", "", "", "gering", "", "", ""],
                ["Falsches Feld", "Text.", "Raumfahrt", "KMU", "riesig", "x", "gibtsnicht", ""],
                ["", "Kein Titel.", "Sprache und Kommunikation", "", "hoch", "", "", ""],
            ]
        )  # fmt: skip
        response = self.preview(upload)
        preview = response.context["preview"]
        self.assertEqual((preview["new"], preview["update"], preview["invalid"]), (1, 1, 3))
        reasons = {row["line"]: " ".join(row["reasons"]) for row in preview["invalid_rows"]}
        self.assertIn("Handlungsfelder: Bitte mindestens einen Eintrag angeben.", reasons[4])
        self.assertIn("Handlungsfelder: Unbekannt: „Raumfahrt“", reasons[5])
        self.assertIn("Aufwand: „riesig“ ist kein zulässiger Wert", reasons[5])
        self.assertIn("Personentage: „x“ ist keine Zahl.", reasons[5])
        self.assertIn("MigraNet-Angebote: Unbekannt: „gibtsnicht“", reasons[5])
        self.assertIn("Titel", reasons[6])
        # Nothing is stored before the confirmation.
        self.assertEqual(Measure.objects.count(), 1)
        self.existing.refresh_from_db()
        self.assertEqual(self.existing.summary, "Alt.")

        page = self.confirm(response)
        self.assertContains(page, "1 neu, 1 geändert")
        cafe = Measure.objects.get(slug="sprachcafe-fuer-beschaeftigte")
        self.assertEqual(cafe.status, Status.PUBLISHED)
        self.assertEqual(cafe.target_kinds, ["municipality", "sme"])  # in the choices' order
        self.assertEqual(str(cafe.effort_person_days), "1.5")
        self.assertCountEqual(
            [f.slug for f in cafe.fields_of_action.all()], ["sprache", "onboarding"]
        )
        self.assertEqual(list(cafe.offers.all()), [self.offer])
        self.assertEqual(cafe.history.count(), 1)
        self.existing.refresh_from_db()
        self.assertEqual(self.existing.summary, "Neu formuliert.")
        self.assertEqual(Measure.objects.count(), 2)

    def test_an_exported_list_imports_again_without_changes(self):
        MeasureFactory(
            title="Patenschaften",
            slug="patenschaften",
            fields_of_action=[field("onboarding"), field("sprache")],
            target_kinds=["sme"],
            audiences=["staff"],
            offers=[self.offer],
            effort_person_days="2.5",
        )
        export = self.client.get(reverse("catalog:export", args=["massnahmen"]), {"format": "csv"})
        self.assertEqual(export["Content-Type"], "text/csv; charset=utf-8")
        content = export.content
        self.assertTrue(content.startswith(b"\xef\xbb\xbf"))
        self.assertIn("Patenschaften", content.decode("utf-8-sig"))
        response = self.preview(SimpleUploadedFile("export.csv", content))
        preview = response.context["preview"]
        self.assertEqual((preview["new"], preview["update"], preview["invalid"]), (0, 0, 0))
        self.assertEqual(preview["skip"], 2)
        self.assertEqual(
            AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT).latest("id").actor_username,
            "projekt",
        )

    def test_xlsx_export_opens_as_a_spreadsheet(self):
        response = self.client.get(reverse("catalog:export", args=["angebote"]), {"format": "xlsx"})
        self.assertTrue(response.content.startswith(b"PK"))

    def test_unknown_entities_are_not_found(self):
        self.assertEqual(self.client.get(reverse("catalog:import", args=["x"])).status_code, 404)
        self.assertEqual(self.client.get(reverse("catalog:export", args=["x"])).status_code, 404)


class OfferProviderReferenceImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.team = user_with_role(Role.PROJECT_TEAM)
        cls.miesbach = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
        cls.provider = ProviderFactory(name="Sprachbrücke Beruf")

    def setUp(self):
        self.client.force_login(self.team)

    def run_import(self, entity, rows):
        url = reverse("catalog:import", args=[entity])
        response = self.client.post(url, {"file": csv_file(rows, encoding="utf-8")})
        preview = response.context["preview"]
        self.client.post(url, {"pending": response.context["pending"].id, "confirm": "1"})
        return preview

    def test_offers_need_a_known_provider_and_a_region(self):
        preview = self.run_import(
            "angebote",
            [
                ["Titel", "Träger", "Angebotsart", "Beschreibung", "Handlungsfelder",
                 "Landkreise", "Gültig ab", "Gültig bis"],
                ["Deutschkurs im Betrieb", "sprachbrücke beruf", "Qualifizierung/Brückenmaßnahme",
                 "Kurs.", "sprache", "09182", "01.01.2026", "31.12.2026"],
                ["Unbekannter Träger", "Niemand e. V.", "Arbeitgeberberatung", "x", "sprache",
                 "", "", ""],
                ["Zeitreise", "Sprachbrücke Beruf", "Arbeitgeberberatung", "x", "sprache", "",
                 "01.05.2026", "01.04.2026"],
            ],
        )  # fmt: skip
        self.assertEqual((preview["new"], preview["invalid"]), (1, 2))
        reasons = " ".join(" ".join(r["reasons"]) for r in preview["invalid_rows"])
        self.assertIn("„Niemand e. V.“ ist unbekannt.", reasons)
        self.assertIn("„gültig bis“ darf nicht vor „gültig ab“ liegen.", reasons)
        offer = Offer.objects.get()
        self.assertFalse(offer.serves_all_bavaria)
        self.assertEqual(list(offer.districts.all()), [self.miesbach])
        self.assertEqual(offer.provider, self.provider)
        self.assertEqual(offer.status, Status.DRAFT)

    def test_providers_and_literature_are_imported(self):
        self.run_import(
            "traeger",
            [["Name", "Art", "Ganz Bayern", "Landkreise"],
             ["Netzwerkbüro Miesbach", "MigraNet-Partner", "nein", "Landkreis Miesbach"],
             ["Sprachbrücke Beruf", "", "ja", ""]],
        )  # fmt: skip
        self.assertEqual(Provider.objects.count(), 2)
        self.assertEqual(
            list(Provider.objects.get(name="Netzwerkbüro Miesbach").districts.all()),
            [self.miesbach],
        )
        preview = self.run_import(
            "literatur",
            [["Autor*innen", "Jahr", "Titel", "Verlag oder Zeitschrift"],
             ["Schader-Stiftung (Hg.)", "2011", "Integrationspotenziale", "Eigenverlag"],
             ["Niemand", "1492", "Zu alt", ""]],
        )  # fmt: skip
        self.assertEqual((preview["new"], preview["invalid"]), (1, 1))
        self.assertEqual(LiteratureReference.objects.get().year, 2011)
        self.assertEqual(LiteratureReference.history.count(), 1)


class ImportMessagesTests(TestCase):
    """Whatever is wrong in a file, the preview says it in German and names the column."""

    @classmethod
    def setUpTestData(cls):
        cls.team = user_with_role(Role.PROJECT_TEAM)
        ProviderFactory(name="Sprachbrücke Beruf")

    def setUp(self):
        self.client.force_login(self.team)

    def reasons(self, entity, rows):
        url = reverse("catalog:import", args=[entity])
        response = self.client.post(url, {"file": csv_file(rows, encoding="utf-8")})
        self.assertEqual(response.status_code, 200)
        preview = response.context["preview"]
        return {row["line"]: row["reasons"] for row in preview["invalid_rows"]}

    def file_errors(self, upload, entity="literatur"):
        url = reverse("catalog:import", args=[entity])
        response = self.client.post(url, {"file": upload})
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("preview", response.context)
        return response.context["form"].errors["file"]

    def test_a_year_that_is_no_whole_number_is_named_in_german(self):
        reasons = self.reasons(
            "literatur",
            [["Autor*innen", "Jahr", "Titel"],
             ["Schader-Stiftung", "zwanzig", "Vielfalt im Betrieb"],
             ["Schader-Stiftung", "2024,5", "Vielfalt in der Kommune"],
             ["Schader-Stiftung", "2024", "Vielfalt im Landratsamt"]],
        )  # fmt: skip
        self.assertEqual(reasons[2], ["Jahr: „zwanzig“ ist keine ganze Zahl."])
        self.assertEqual(reasons[3], ["Jahr: „2024,5“ ist keine ganze Zahl."])
        self.assertNotIn(4, reasons)

    def test_a_date_that_is_no_date_is_named_with_the_expected_format(self):
        measure_reasons = self.reasons(
            "massnahmen",
            [["Titel", "Kurzbeschreibung", "Handlungsfelder", "Aufwand", "Zuletzt geprüft"],
             ["Sprachcafé", "Text.", "Sprache und Kommunikation", "gering", "32.13.2026"]],
        )  # fmt: skip
        self.assertEqual(
            measure_reasons[2], ["Zuletzt geprüft: „32.13.2026“ ist kein Datum (TT.MM.JJJJ)."]
        )
        offer_reasons = self.reasons(
            "angebote",
            [["Titel", "Träger", "Angebotsart", "Beschreibung", "Handlungsfelder", "Gültig bis"],
             ["Kurs", "Sprachbrücke Beruf", "Arbeitgeberberatung", "x", "sprache",
              "13/31/2026"]],
        )  # fmt: skip
        self.assertEqual(
            offer_reasons[2], ["Gültig bis: „13/31/2026“ ist kein Datum (TT.MM.JJJJ)."]
        )

    def test_too_few_person_days_are_named_with_a_decimal_comma(self):
        reasons = self.reasons(
            "massnahmen",
            [["Titel", "Kurzbeschreibung", "Handlungsfelder", "Aufwand", "Personentage"],
             ["Sprachcafé", "Text.", "Sprache und Kommunikation", "gering", "0,2"]],
        )  # fmt: skip
        self.assertEqual(
            reasons[2], ["Personentage: Dieser Wert muss größer oder gleich 0,5 sein."]
        )

    def test_missing_columns_are_named_in_singular_or_plural(self):
        rows = [["Autor*innen", "Verlag oder Zeitschrift"], ["Schader-Stiftung", "Eigenverlag"]]
        self.assertEqual(
            self.file_errors(csv_file(rows, encoding="utf-8")),
            ["Diese Spalten fehlen: Jahr, Titel"],
        )
        rows = [["Autor*innen", "Jahr"], ["Schader-Stiftung", "2011"]]
        self.assertEqual(
            self.file_errors(csv_file(rows, encoding="utf-8")), ["Diese Spalte fehlt: Titel"]
        )

    def test_a_file_that_is_no_table_is_called_so(self):
        stylesheet = b"body {\n  color: #222;\n  margin: 0;\n}\n.nav a { color: red; }\n"
        for name in ("liste.csv", "liste.png"):
            with self.subTest(name=name):
                (error,) = self.file_errors(SimpleUploadedFile(name, stylesheet))
                self.assertIn("keine lesbare CSV- oder Excel-Tabelle", error)
        png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
        for content in (png, bytes(range(256)) * 4):
            (error,) = self.file_errors(SimpleUploadedFile("liste.csv", content))
            self.assertIn("keine lesbare CSV- oder Excel-Datei", error)
