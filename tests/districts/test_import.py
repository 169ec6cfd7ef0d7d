"""District staff import their KMU lists the way German offices keep them."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from openpyxl import Workbook

from districts.models import Contact, Organization
from ikokmu.models import PendingImport
from ikokmu.roles import Role
from tests.factories import DistrictFactory, OrganizationFactory, user_with_role

HEADER = "Name;PLZ;Ort;Branche;Größenklasse;E-Mail\r\n"


def csv_file(text: str, encoding="cp1252", name="kmu.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


class OrganizationImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.district = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
        cls.staff = user_with_role(
            Role.DISTRICT_STAFF, districts=[cls.district], username="lra-miesbach"
        )
        cls.url = reverse("districts:organization_import", args=[cls.district.pk])

    def setUp(self):
        self.client.force_login(self.staff)

    def upload(self, upload):
        return self.client.post(self.url, {"file": upload})

    def confirm(self, response):
        return self.client.post(
            self.url, {"pending": response.context["pending"].pk, "confirm": "1"}, follow=True
        )

    def test_a_semicolon_windows_1252_list_with_umlauts_is_previewed_then_stored(self):
        response = self.upload(
            csv_file(
                HEADER
                + "Bäckerei Größlinger;83714;Miesbach;Verarbeitendes Gewerbe;10–49 Beschäftigte;"
                "info@groesslinger.example\r\n" + "Müller Gästehaus;83684;Tegernsee;I;1-9;\r\n"
            )
        )
        preview = response.context["preview"]
        self.assertEqual((preview["new"], preview["invalid"]), (2, 0))
        self.assertContains(response, "Bäckerei Größlinger")
        self.assertEqual(Organization.objects.count(), 0, "nothing is stored before confirming")

        page = self.confirm(response)
        self.assertContains(page, "Import abgeschlossen: 2 neu")
        bakery = Organization.objects.get(name="Bäckerei Größlinger")
        self.assertEqual(
            (bakery.kind, bakery.sector, bakery.size_class, bakery.district),
            ("sme", "C", "10-49", self.district),
        )
        self.assertFalse(PendingImport.objects.exists())

    def test_utf8_with_byte_order_mark_and_comma_separators_work_too(self):
        text = "\ufeffName,PLZ,Ort\r\nAlpen Metallbau,83607,Holzkirchen\r\n"
        response = self.upload(csv_file(text, encoding="utf-8"))
        self.assertEqual(response.context["preview"]["new"], 1)

    def test_broken_rows_are_shown_with_their_reason_and_left_out(self):
        response = self.upload(
            csv_file(
                HEADER
                + "Gute Firma;83714;Miesbach;C;1-9;gut@example.org\r\n"
                + ";83714;Miesbach;C;1-9;\r\n"
                + "Kaputte Mail;83714;Miesbach;C;1-9;keine-adresse\r\n"
                + "Falsche Größe;83714;Miesbach;C;riesig;\r\n"
                + "Gute Firma;83714;Miesbach;C;1-9;\r\n"
                + "Falsche PLZ;8371;Miesbach;;;\r\n"
            )
        )
        preview = response.context["preview"]
        self.assertEqual((preview["new"], preview["invalid"]), (1, 5))
        reasons = {row["line"]: " ".join(row["reasons"]) for row in preview["invalid_rows"]}
        self.assertIn("Name", reasons[3])
        self.assertIn("gültige E-Mail-Adresse", reasons[4])
        self.assertIn("„riesig“ ist kein zulässiger Wert", reasons[5])
        self.assertIn("schon in Zeile 2", reasons[6])
        self.assertIn("PLZ", reasons[7])
        self.confirm(response)
        self.assertEqual(list(Organization.objects.values_list("name", flat=True)), ["Gute Firma"])

    def test_cancelling_the_preview_stores_nothing(self):
        response = self.upload(csv_file(HEADER + "Alpen Metallbau;83607;Holzkirchen;C;1-9;\r\n"))
        page = self.client.post(
            self.url, {"pending": response.context["pending"].pk, "cancel": "1"}, follow=True
        )
        self.assertContains(page, "Es wurde nichts gespeichert")
        self.assertFalse(Organization.objects.exists())
        self.assertFalse(PendingImport.objects.exists())

    def test_importing_the_same_file_again_changes_nothing(self):
        text = HEADER + "Alpen Metallbau;83607;Holzkirchen;C;1-9;info@alpen.example\r\n"
        self.confirm(self.upload(csv_file(text)))
        before = Organization.objects.get()
        response = self.upload(csv_file(text))
        preview = response.context["preview"]
        self.assertEqual((preview["new"], preview["update"], preview["skip"]), (0, 0, 1))
        self.confirm(response)
        after = Organization.objects.get()
        self.assertEqual(after.pk, before.pk)
        self.assertEqual(after.history.count(), before.history.count())

    def test_a_changed_row_updates_the_existing_organisation(self):
        OrganizationFactory(
            district=self.district,
            name="Alpen Metallbau",
            postal_code="83607",
            city="Holzkirchen",
            size_class="1-9",
        )
        response = self.upload(csv_file(HEADER + "alpen metallbau;83607;Holzkirchen;C;10-49;\r\n"))
        self.assertEqual(response.context["preview"]["update"], 1)
        self.confirm(response)
        self.assertEqual(Organization.objects.get().size_class, "10-49")

    def test_an_excel_file_is_read(self):
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(["Name", "PLZ", "Ort"])
        sheet.append(["Seenland Pflegedienst", "83727", "Schliersee"])
        buffer = io.BytesIO()
        workbook.save(buffer)
        upload = SimpleUploadedFile("liste.xlsx", buffer.getvalue())
        response = self.upload(upload)
        self.assertEqual(response.context["preview"]["new"], 1)

    def test_a_file_without_the_name_column_is_refused_next_to_the_field(self):
        response = self.upload(csv_file("Firma;PLZ\r\nX;83714\r\n"))
        self.assertContains(response, "Diese Spalte fehlt: Name")
        self.assertIsNone(response.context.get("pending"))

    def test_an_empty_file_is_refused_in_german(self):
        response = self.upload(csv_file(""))
        self.assertContains(response, "leer")


class ContactImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.district = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
        cls.project = user_with_role(Role.PROJECT_TEAM, username="projekt")
        OrganizationFactory(district=cls.district, name="Alpen Metallbau", postal_code="83607")
        cls.url = reverse("districts:contact_import", args=[cls.district.pk])

    def test_contacts_are_matched_to_organisations_by_name_and_to_people_by_email(self):
        self.client.force_login(self.project)
        text = (
            "Organisation;Vorname;Nachname;E-Mail;Rechtsgrundlage seit\r\n"
            "alpen metallbau;Jörg;Weiß;j.weiss@alpen.example;01.02.2026\r\n"
            "Unbekannt GmbH;Ana;Ruiz;a.ruiz@example.org;\r\n"
        )
        response = self.client.post(self.url, {"file": csv_file(text)})
        preview = response.context["preview"]
        self.assertEqual((preview["new"], preview["invalid"]), (1, 1))
        self.assertIn(
            "„Unbekannt GmbH“ ist unbekannt", " ".join(preview["invalid_rows"][0]["reasons"])
        )
        self.client.post(self.url, {"pending": response.context["pending"].pk, "confirm": "1"})
        contact = Contact.objects.get()
        self.assertEqual(
            (contact.full_name, contact.legal_basis_date.isoformat()), ("Jörg Weiß", "2026-02-01")
        )


class ImportHistoryTests(TestCase):
    def test_imported_and_updated_organisations_name_the_importer_in_their_history(self):
        district = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
        staff = user_with_role(Role.DISTRICT_STAFF, districts=[district], username="lra")
        self.client.force_login(staff)
        url = reverse("districts:organization_import", args=[district.pk])
        for size in ["1-9", "10-49"]:
            preview = self.client.post(
                url,
                {"file": csv_file(f"Name;PLZ;Größenklasse\r\nAlpen Metallbau;83607;{size}\r\n")},
            )
            self.client.post(url, {"pending": preview.context["pending"].pk, "confirm": "1"})
        history = list(Organization.objects.get().history.order_by("history_date"))
        self.assertEqual([h.history_type for h in history], ["+", "~"])
        self.assertEqual({h.history_user for h in history}, {staff})


class BrokenFileTests(TestCase):
    def test_a_binary_file_disguised_as_csv_gets_a_message_not_an_error_page(self):
        district = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
        self.client.force_login(user_with_role(Role.PROJECT_TEAM, username="projekt"))
        url = reverse("districts:organization_import", args=[district.pk])
        for content in [b"%PDF-1.4\x00\x01\x02\xff\xfe binary", b"\x00\x00\x00"]:
            response = self.client.post(url, {"file": SimpleUploadedFile("x.csv", content)})
            self.assertEqual(response.status_code, 200)
            self.assertTrue(response.context["form"].errors)
