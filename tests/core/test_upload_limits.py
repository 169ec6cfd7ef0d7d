"""Uploads cannot take the server down: an archive that unpacks to far more than it weighs is
refused by every import before it is parsed, and a file larger than the page allows is not
stored while it streams in. The message stands next to the file field, in German."""

import io

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from ikokmu.models import PendingImport
from ikokmu.roles import Role
from ikokmu.uploads import OversizedUpload
from tests.factories import DistrictFactory, user_with_role
from tests.hostile_files import MB, xlsx_bomb, zip_of_many_entries
from tests.surveys.helpers import demo_version, open_round

TOO_MANY_PARTS = "Die Datei besteht aus mehr als 1000 Teilen"


class ArchiveLimitTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.district = DistrictFactory(name="Landkreis Miesbach")
        cls.staff = user_with_role(Role.DISTRICT_STAFF, districts=[cls.district])
        cls.team = user_with_role(Role.PROJECT_TEAM)
        survey_round, _token = open_round(demo_version(), district=cls.district)
        cls.imports = {
            "organisations": (
                cls.staff,
                reverse("districts:organization_import", args=[cls.district.pk]),
            ),
            "contacts": (cls.staff, reverse("districts:contact_import", args=[cls.district.pk])),
            "recipients": (
                cls.staff,
                reverse("surveys:recipients_import", args=[survey_round.pk]),
            ),
            "catalogue": (cls.team, reverse("catalog:import", args=["massnahmen"])),
        }

    def send(self, name: str, content: bytes):
        for kind, (user, url) in self.imports.items():
            with self.subTest(kind):
                self.client.force_login(user)
                response = self.client.post(url, {"file": SimpleUploadedFile(name, content)})
                self.assertIn(response.status_code, (200, 400))  # the form again, with errors
                yield kind, response

    def test_an_xlsx_that_unpacks_to_100_mb_is_refused_by_every_import_before_parsing(self):
        bomb = xlsx_bomb(100)
        self.assertLess(len(bomb), 400 * 1024, "the file itself is small")
        for _kind, response in self.send("liste.xlsx", bomb):
            self.assertFormError(
                response.context["form"],
                "file",
                "Die Datei ist entpackt größer als 50 MB; so große Dateien nehmen wir nicht an. "
                "Bitte teilen Sie sie auf.",
            )
        self.assertFalse(PendingImport.objects.exists())

    def test_an_xlsx_of_thousands_of_parts_is_refused_by_every_import(self):
        for _kind, response in self.send("liste.xlsx", zip_of_many_entries()):
            self.assertContains(response, TOO_MANY_PARTS, status_code=response.status_code)

    def test_a_file_larger_than_the_limit_is_not_stored_while_it_streams_in(self):
        user, url = self.imports["organisations"]
        self.client.force_login(user)
        size = settings.FILE_UPLOAD_MAX_BYTES + MB
        upload = SimpleUploadedFile("liste.csv", b"Name;PLZ\r\n" + b"x" * size)
        response = self.client.post(url, {"file": upload})
        self.assertEqual(response.status_code, 200)
        received = response.wsgi_request.FILES["file"]
        self.assertIsInstance(received, OversizedUpload, "the handler stopped storing the file")
        self.assertGreater(received.size, settings.FILE_UPLOAD_MAX_BYTES)
        self.assertFormError(
            response.context["form"],
            "file",
            "Die Datei ist größer als 10 MB. Bitte wählen Sie eine kleinere Datei.",
        )

    def test_a_normal_xlsx_still_reaches_the_preview(self):
        from openpyxl import Workbook

        workbook = Workbook()
        workbook.active.append(["Name", "PLZ", "Ort"])
        workbook.active.append(["Alpen Metallbau", "83607", "Holzkirchen"])
        buffer = io.BytesIO()
        workbook.save(buffer)
        user, url = self.imports["organisations"]
        self.client.force_login(user)
        response = self.client.post(
            url, {"file": SimpleUploadedFile("liste.xlsx", buffer.getvalue())}
        )
        self.assertEqual(response.context["preview"]["new"], 1)
