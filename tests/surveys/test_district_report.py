"""District staff download the district report PDF of a round (design.md flow 1)."""

import shutil
import subprocess
import tempfile

import pytest
from django.test import TestCase
from django.urls import reverse

from catalog.models import FieldOfAction
from districts.models import Contact
from ikokmu.models import AuditEvent
from ikokmu.roles import Role
from surveys.models import Answer, HiddenText, TextRelease
from surveys.result_reports import report_context
from tests.catalog.factories import (
    ContactFactory,
    MeasureFactory,
    MigranetOrganizationFactory,
    OfferFactory,
)
from tests.factories import DistrictFactory, user_with_role
from tests.surveys.helpers import demo_version
from tests.surveys.test_results_data import known_round


def pdf_text(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        return subprocess.run(
            ["pdftotext", "-layout", handle.name, "-"], capture_output=True, check=True, text=True
        ).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) is missing")
class DistrictReportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()
        cls.district = DistrictFactory(name="Landkreis Miesbach")
        cls.round = known_round(cls.version, cls.district)
        cls.staff = user_with_role(Role.DISTRICT_STAFF, districts=[cls.district], username="lra")
        fields = list(FieldOfAction.objects.all())
        MeasureFactory(title="Sprachpatenschaften im Betrieb", fields_of_action=fields)
        offer = OfferFactory(title="Betriebsberatung Vielfalt", fields_of_action=fields)
        ContactFactory(
            organization=MigranetOrganizationFactory(district=cls.district),
            first_name="Ayse",
            last_name="Demir",
            legal_basis=Contact.LegalBasis.CONSENT,
            email="demir@migranet.test",
        )
        offer.contacts.set(Contact.objects.filter(last_name="Demir"))

    def report(self) -> bytes:
        self.client.force_login(self.staff)
        reply = self.client.get(reverse("surveys:round_report", args=[self.round.pk]))
        self.assertEqual(reply.status_code, 200)
        self.assertEqual(reply["Content-Type"], "application/pdf")
        return reply.content

    def test_the_report_has_cover_facts_sections_profile_and_measures(self):
        pdf = self.report()
        self.assertTrue(pdf.startswith(b"%PDF"))
        # Tagged (PDF/UA structure): a screen reader finds headings and tables.
        info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
        self.assertIn("Tagged:          yes", info.stdout.decode())
        text = pdf_text(pdf)
        for expected in [
            "Landkreisbericht",
            "Landkreis Miesbach",
            "Die Runde in Zahlen",
            "Bedarfsprofil nach Handlungsfeldern",
            "Ihr Unternehmen",
            "Fachkräfte gewinnen",
            "Einarbeitung und Sprache",
            "Betriebskultur und Leben vor Ort",
            "Unterstützung und Ausblick",
            "In welcher Branche ist Ihr Betrieb tätig?",
            "Passende Maßnahmen",
            "Sprachpatenschaften im Betrieb",
            "MigraNet-Angebote",
            "Betriebsberatung Vielfalt",
            "Ayse Demir",
            "demir@migranet.test",
            "Seite 1 von",
        ]:
            self.assertIn(expected, text)
        # An anonymous round: the texts wait for the team's release (test_disclosure).
        self.assertNotIn("Mehr Sprachkurse vor Ort", text)
        self.assertIn("5 Texte warten auf Freigabe", text)
        answer = Answer.objects.get(response__round=self.round, text="Mehr Sprachkurse vor Ort")
        TextRelease.objects.create(answer=answer)
        self.assertIn("Mehr Sprachkurse vor Ort", pdf_text(self.report()))

    def test_the_download_is_recorded(self):
        self.report()
        event = AuditEvent.objects.get(kind=AuditEvent.Kind.PDF_DOWNLOAD)
        self.assertEqual(event.actor_username, "lra")
        self.assertEqual(event.detail["round"], self.round.pk)

    def test_a_hidden_text_is_not_in_the_report(self):
        answer = Answer.objects.get(response__round=self.round, text="Mehr Sprachkurse vor Ort")
        TextRelease.objects.create(answer=answer)
        HiddenText.objects.create(answer=answer)
        self.assertNotIn("Mehr Sprachkurse vor Ort", pdf_text(self.report()))

    def test_the_report_charts_are_the_pages_charts(self):
        context = report_context(self.round)
        page = self.client
        page.force_login(self.staff)
        html = page.get(reverse("surveys:round_results", args=[self.round.pk])).content.decode()
        chart = next(q.chart for q in context["results"].questions if q.code == "q01_branche")
        self.assertIn(str(chart), html)
