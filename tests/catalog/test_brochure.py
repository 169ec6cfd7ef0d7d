"""The project team downloads the published catalogue as a PDF brochure, whole or filtered."""

import re
import shutil
import subprocess

import pytest
from django.test import TestCase
from django.urls import reverse

from catalog import reports
from catalog.models import Status
from districts.models import Contact
from ikokmu.models import AuditEvent
from ikokmu.pdf import BASE_URL, render_pdf, static_path
from ikokmu.roles import Role
from tests.catalog.factories import (
    ContactFactory,
    MeasureFactory,
    OfferFactory,
    ReferenceFactory,
    field,
)
from tests.factories import DistrictFactory, user_with_role

needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed"
)


def pdf_text(pdf: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode()


def page_count(pdf: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout.decode(), re.M).group(1))


def font_names(pdf: bytes) -> str:
    return subprocess.run(
        ["pdffonts", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


@needs_poppler
class BrochureTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.team = user_with_role(Role.PROJECT_TEAM, username="projekt")
        cls.munich = DistrictFactory(name="Landkreis München", official_key="09184")
        cls.miesbach = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
        reference = ReferenceFactory(
            authors="Schader-Stiftung (Hg.)",
            year=2011,
            title="Integrationspotenziale in kleinen Städten und Landkreisen",
        )
        cls.local_offer = OfferFactory(
            title="Sprachlotsen München",
            fields_of_action=[field("sprache")],
            serves_all_bavaria=False,
            districts=[cls.munich],
            contacts=[
                ContactFactory(first_name="Aylin", last_name="Demir"),
                ContactFactory(
                    first_name="Jan",
                    last_name="Ohnezustimmung",
                    legal_basis=Contact.LegalBasis.LEGITIMATE_INTEREST,
                ),
            ],
        )
        cls.miesbach_offer = OfferFactory(
            title="Sprachcafé Miesbach",
            fields_of_action=[field("sprache")],
            serves_all_bavaria=False,
            districts=[cls.miesbach],
        )
        long_text = "Die Maßnahme wird Schritt für Schritt eingeführt und ausgewertet. " * 30
        for n in range(6):
            MeasureFactory(
                title=f"Sprachmaßnahme {n}",
                description=long_text,
                fields_of_action=[field("sprache"), field("onboarding")],
                offers=[cls.local_offer, cls.miesbach_offer],
                references=[reference],
            )
        for n in range(4):
            MeasureFactory(
                title=f"Willkommensmaßnahme {n}",
                description=long_text,
                fields_of_action=[field("willkommenskultur")],
            )
        MeasureFactory(title="Unveröffentlichter Entwurf", status=Status.DRAFT)

    def download(self, **params):
        self.client.force_login(self.team)
        response = self.client.get(reverse("catalog:brochure_pdf"), params)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        return response.content

    def test_the_whole_brochure_has_cover_contents_sections_and_page_numbers(self):
        pdf = self.download()
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = pdf_text(pdf)
        pages = page_count(pdf)
        # Cover, contents, two sections starting on a new page each, the offers; ten measures of
        # about half a page each, and no measure on more than two pages.
        self.assertGreaterEqual(pages, 2 + 2 + 1 + 3)
        self.assertLessEqual(pages, 2 + 10 * 2 + 1)
        self.assertIn("Maßnahmenkatalog", text)
        self.assertIn("Inhalt", text)
        for n in range(6):
            self.assertIn(f"Sprachmaßnahme {n}", text)
        self.assertIn("Willkommensmaßnahme 3", text)
        self.assertIn("Integrationspotenziale in kleinen Städten", text)
        self.assertIn(f"Seite 2 von {pages}", text)
        self.assertIn(f"Seite {pages} von {pages}", text)
        # The contents list each section (a measure sits in its first field of action by
        # position) with the page it starts on.
        self.assertRegex(text, r"Einarbeitung und Onboarding – 3\n")
        self.assertNotIn("Unveröffentlichter Entwurf", text)
        # Published contacts only: the brochure is handed out.
        self.assertIn("Aylin Demir", text)
        self.assertNotIn("Ohnezustimmung", text)
        event = AuditEvent.objects.get(kind=AuditEvent.Kind.PDF_DOWNLOAD)
        self.assertEqual(event.actor_username, "projekt")

    def test_a_brochure_for_one_field_and_one_district(self):
        pdf = self.download(field="willkommenskultur")
        text = pdf_text(pdf)
        self.assertIn("Willkommensmaßnahme 0", text)
        self.assertNotIn("Sprachmaßnahme", text)

        text = pdf_text(self.download(field="sprache", district=self.miesbach.pk))
        self.assertIn("MigraNet-Angebote im Landkreis Miesbach", text)
        self.assertIn("Sprachcafé Miesbach", text)
        self.assertNotIn("Sprachlotsen München", text)

    def test_a_brochure_for_a_district_is_named_after_the_district(self):
        self.client.force_login(self.team)
        response = self.client.get(
            reverse("catalog:brochure_pdf"), {"field": "sprache", "district": self.miesbach.pk}
        )
        self.assertRegex(
            response["Content-Disposition"],
            r'filename="massnahmenkatalog-sprache-landkreis-miesbach-\d{4}-\d{2}-\d{2}\.pdf"',
        )

    def test_unknown_filters_answer_not_found(self):
        self.client.force_login(self.team)
        url = reverse("catalog:brochure_pdf")
        self.assertEqual(self.client.get(url, {"field": "gibtsnicht"}).status_code, 404)
        self.assertEqual(self.client.get(url, {"district": "x"}).status_code, 404)

    def test_the_public_cannot_download_the_brochure(self):
        response = self.client.get(reverse("catalog:brochure_pdf"))
        self.assertEqual(response.status_code, 302)

    def test_the_fonts_come_from_static_and_nothing_else_is_fetched(self):
        pdf = reports.brochure_pdf(strict=True)  # strict: a refused resource would raise
        fonts = font_names(pdf)
        self.assertIn("Noto-Sans", fonts)
        self.assertIn("Noto-Sans-Bold", fonts)


class LocalFetcherTests(TestCase):
    def test_static_files_resolve_to_disk_everything_else_is_refused(self):
        self.assertTrue(static_path(f"{BASE_URL}static/fonts/noto-sans-latin-400-normal.woff2"))
        for url in [
            "https://example.org/static/fonts/noto-sans-latin-400-normal.woff2",
            f"{BASE_URL}static/../../etc/passwd",
            f"{BASE_URL}etc/passwd",
            "file:///etc/passwd",
        ]:
            with self.subTest(url=url):
                self.assertIsNone(static_path(url))

    def test_a_template_pointing_elsewhere_fails_in_strict_mode(self):
        from django.template import engines

        engine = engines["django"]
        template = engine.from_string('<img src="https://example.org/tracker.png">')
        from unittest import mock

        with mock.patch("ikokmu.pdf.render_to_string", return_value=template.render({})):
            with self.assertRaises(BaseException) as caught:
                render_pdf("ignored.html", strict=True)
            self.assertIn("tracker", str(caught.exception))
            # Not strict: the image is left out and the PDF still renders.
            self.assertTrue(render_pdf("ignored.html").startswith(b"%PDF"))


@needs_poppler
class BrochureContentsTests(TestCase):
    def test_the_contents_of_the_demo_catalogue_fit_on_one_page(self):
        from catalog import demo
        from ikokmu.demo import seed_core

        seed_core()
        demo.seed()
        pdf = reports.brochure_pdf()

        def page(number):
            return subprocess.run(
                ["pdftotext", "-layout", "-f", str(number), "-l", str(number), "-", "-"],
                input=pdf,
                capture_output=True,
                check=True,
            ).stdout.decode()

        contents, first_section = page(2), page(3)
        self.assertIn("Inhalt", contents)
        self.assertIn("Mehrsprachiges Informationsportal des Landkreises", contents)
        self.assertRegex(contents, r"Personalgewinnung und Ausbildung – 3\n")
        self.assertTrue(first_section.strip().startswith("Personalgewinnung und Ausbildung"))
