"""An adviser runs a consulting case: phases and their rules, visibility, files, PDFs."""

import datetime
import subprocess
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import FieldOfAction
from consulting import services
from consulting.models import Agreement, CaseReport, Goal, Phase, PhaseChange
from ikokmu.roles import Role
from tests.factories import ContactFactory, DistrictFactory, OrganizationFactory, user_with_role

MEDIA = tempfile.mkdtemp(prefix="ikokmu-test-media-")


def open_case(adviser, organization, title="Einarbeitung verbessern"):
    return services.case_create(
        organization=organization,
        title=title,
        advisers=[adviser],
        start_date=datetime.date(2026, 3, 2),
        user=adviser,
    )


class PhaseRuleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.adviser = user_with_role(Role.PROJECT_TEAM, username="beraterin")
        cls.organization = OrganizationFactory(name="Alpen Metallbau")
        cls.field = FieldOfAction.objects.get(slug="onboarding")

    def setUp(self):
        self.case = open_case(self.adviser, self.organization)

    def move(self, target, reason=""):
        self.case = services.case_change_phase(
            case=self.case, target=target, user=self.adviser, reason=reason
        )

    def assert_refused(self, target, message, reason=""):
        with self.assertRaises(ValidationError) as refused:
            self.move(target, reason)
        self.assertIn(message, " ".join(refused.exception.messages))

    def test_phases_are_taken_in_order(self):
        self.assert_refused(Phase.IMPLEMENTATION, "als Nächstes kommt „Bedarfsanalyse“")

    def test_no_agreement_phase_before_a_needs_assessment(self):
        self.move(Phase.NEEDS_ANALYSIS)
        self.assert_refused(Phase.GOAL_AGREEMENT, "Zuerst die Bedarfsanalyse")
        services.needs_assessment_save(
            case=self.case,
            assessed_on=datetime.date(2026, 3, 16),
            participants="",
            findings="",
            ratings={self.field: (2, 5)},
        )
        self.move(Phase.GOAL_AGREEMENT)
        self.assertEqual(self.case.phase, Phase.GOAL_AGREEMENT)

    def test_implementation_needs_a_signed_agreement_with_goals_and_closing_a_report_text(self):
        self.move(Phase.NEEDS_ANALYSIS)
        services.needs_assessment_save(
            case=self.case,
            assessed_on=datetime.date(2026, 3, 16),
            participants="",
            findings="",
            ratings={self.field: (2, 5)},
        )
        self.move(Phase.GOAL_AGREEMENT)
        self.assert_refused(Phase.IMPLEMENTATION, "Zuerst die Zielvereinbarung")
        goal = Goal.objects.create(case=self.case, field_of_action=self.field, text="Paten")
        agreement = Agreement.objects.create(
            case=self.case,
            signed_on=datetime.date(2026, 4, 1),
            signed_for_organization="GF",
            signed_for_project="Team",
        )
        agreement.goals.add(goal)
        self.move(Phase.IMPLEMENTATION)
        self.assert_refused(Phase.CLOSING, "Abschlussberichts")
        self.case.final_report_text = "Alles erreicht."
        self.case.save()
        self.move(Phase.CLOSING)
        self.assertEqual(self.case.closed_on, datetime.date.today())

    def test_going_back_needs_a_reason_and_is_recorded(self):
        self.move(Phase.NEEDS_ANALYSIS)
        self.assert_refused(Phase.REQUEST, "Bitte begründen")
        self.move(Phase.REQUEST, reason="Ansprechperson gewechselt")
        change = PhaseChange.objects.filter(case=self.case).latest("id")
        self.assertEqual(
            (change.from_phase, change.to_phase, change.reason, change.changed_by),
            ("needs_analysis", "request", "Ansprechperson gewechselt", self.adviser),
        )

    def test_cancelling_needs_a_reason_and_ends_the_case(self):
        self.assert_refused(Phase.CANCELLED, "Grund für den Abbruch")
        self.move(Phase.CANCELLED, reason="Betrieb verkauft")
        self.assertEqual(self.case.cancel_reason, "Betrieb verkauft")
        self.assert_refused(Phase.NEEDS_ANALYSIS, "abgebrochener Fall")

    def test_the_phase_form_shows_the_refusal_next_to_the_form(self):
        self.client.force_login(self.adviser)
        response = self.client.post(
            reverse("consulting:phase_change", args=[self.case.pk]), {"target": "closing"}
        )
        self.assertContains(response, "als Nächstes kommt")


class VisibilityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.district = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
        cls.organization = OrganizationFactory(district=cls.district, name="Seenland Pflege")
        cls.adviser = user_with_role(Role.INTERVIEW_TEAM, username="externe-beraterin")
        cls.other_adviser = user_with_role(Role.INTERVIEW_TEAM, username="anderer-berater")
        cls.project = user_with_role(Role.PROJECT_TEAM, username="projekt")
        cls.staff = user_with_role(Role.DISTRICT_STAFF, districts=[cls.district], username="lra")
        cls.interviewer = user_with_role(Role.INTERVIEW_TEAM, username="interview")
        cls.case = open_case(cls.adviser, cls.organization, title="Vertraulicher Fall")
        open_case(cls.other_adviser, OrganizationFactory(name="Andere Firma"), "Anderer Fall")

    def page_for(self, user):
        self.client.force_login(user)
        return self.client.get(reverse("consulting:case_detail", args=[self.case.pk]))

    def test_the_adviser_and_the_project_team_see_the_case(self):
        self.assertContains(self.page_for(self.adviser), "Vertraulicher Fall")
        self.assertContains(self.page_for(self.project), "Vertraulicher Fall")

    def test_another_adviser_and_the_interview_team_do_not(self):
        self.assertEqual(self.page_for(self.other_adviser).status_code, 404)
        self.assertEqual(self.page_for(self.interviewer).status_code, 404)
        self.client.force_login(self.other_adviser)
        listing = self.client.get(reverse("consulting:case_list"))
        self.assertNotContains(listing, "Vertraulicher Fall")
        self.assertContains(listing, "Anderer Fall")

    def test_district_staff_see_only_that_a_case_exists(self):
        self.assertEqual(self.page_for(self.staff).status_code, 404)
        start = self.client.get(reverse("dashboard"))
        self.assertContains(start, "Seenland Pflege")
        self.assertContains(start, "Anfrage")
        self.assertNotContains(start, "Vertraulicher Fall")

    def test_the_case_list_runs_a_constant_number_of_queries(self):
        self.client.force_login(self.project)
        with CaptureQueriesContext(connection) as before:
            self.client.get(reverse("consulting:case_list"))
        for n in range(10):
            open_case(self.adviser, OrganizationFactory(), title=f"Fall {n}")
        with self.assertNumQueries(len(before)):
            self.client.get(reverse("consulting:case_list"))


@override_settings(
    STORAGES={
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": MEDIA},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
)
class DocumentAndReportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.adviser = user_with_role(Role.PROJECT_TEAM, username="beraterin")
        cls.organization = OrganizationFactory(name="Isar Zimmerei Öttl")
        ContactFactory(organization=cls.organization, first_name="Jörg", last_name="Weiß")

    def setUp(self):
        self.case = open_case(self.adviser, self.organization)
        self.client.force_login(self.adviser)
        self.url = reverse("consulting:document_upload", args=[self.case.pk])

    def upload(self, name, content):
        return self.client.post(
            self.url, {"file": SimpleUploadedFile(name, content), "description": "Scan"}
        )

    def test_a_pdf_is_stored_privately_and_handed_out_only_to_the_case(self):
        response = self.upload("../../etc/Vereinbarung.pdf", b"%PDF-1.4 test")
        self.assertEqual(response.status_code, 302)
        document = self.case.documents.get()
        self.assertEqual(document.original_name, "Vereinbarung.pdf")
        self.assertNotIn("..", document.file.name)
        self.assertTrue(Path(document.file.path).resolve().is_relative_to(Path(MEDIA)))
        download = self.client.get(
            reverse("consulting:document_download", args=[self.case.pk, document.pk])
        )
        self.assertEqual(b"".join(download.streaming_content), b"%PDF-1.4 test")
        self.client.force_login(user_with_role(Role.INTERVIEW_TEAM, username="fremd"))
        refused = self.client.get(
            reverse("consulting:document_download", args=[self.case.pk, document.pk])
        )
        self.assertEqual(refused.status_code, 404)

    def test_wrong_types_disguised_files_and_large_files_are_refused_in_german(self):
        self.assertContains(self.upload("tool.exe", b"MZ\x90\x00"), "Erlaubt sind PDF")
        self.assertContains(
            self.upload("rechnung.pdf", b"MZ\x90\x00"), "passt nicht zu ihrer Endung"
        )
        big = b"%PDF" + b"0" * (10 * 1024 * 1024)
        self.assertContains(self.upload("gross.pdf", big), "größer als 10 MB")
        self.assertFalse(self.case.documents.exists())

    def test_each_report_is_kept_as_a_version_and_says_draft_until_closed(self):
        for _ in range(2):
            self.client.post(reverse("consulting:report_create", args=[self.case.pk]))
        self.assertEqual(
            list(CaseReport.objects.values_list("version", "is_draft")), [(2, True), (1, True)]
        )
        response = self.client.get(reverse("consulting:report_download", args=[self.case.pk, 1]))
        self.assertTrue(response.content.startswith(b"%PDF"))
        text = pdf_text(response.content)
        self.assertIn("Isar Zimmerei Öttl", text)
        self.assertIn("ENTWURF", text)

    def test_the_certificate_comes_only_for_a_closed_case(self):
        response = self.client.get(
            reverse("consulting:certificate", args=[self.case.pk]), follow=True
        )
        self.assertContains(response, "erst für einen abgeschlossenen Fall")
        field = FieldOfAction.objects.get(slug="sprache")
        Goal.objects.create(
            case=self.case,
            field_of_action=field,
            text="Glossar einführen",
            status=Goal.Status.ACHIEVED,
        )
        self.case.phase, self.case.final_report_text = Phase.CLOSING, "Erledigt."
        self.case.closed_on = datetime.date(2026, 11, 20)
        self.case.save()
        response = self.client.get(reverse("consulting:certificate", args=[self.case.pk]))
        text = pdf_text(response.content)
        self.assertIn("Zertifikat", text)
        self.assertIn("Isar Zimmerei Öttl", text)
        self.assertIn("Sprache und Kommunikation", text)


def pdf_text(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        return subprocess.run(
            ["pdftotext", handle.name, "-"], capture_output=True, text=True, check=True
        ).stdout


class SessionFormTests(TestCase):
    def test_too_short_a_session_is_named_with_a_decimal_comma(self):
        from consulting.forms import SessionForm

        form = SessionForm(data={"date": "2026-11-30", "duration_hours": "0.2"})
        self.assertIn("größer oder gleich 0,5", " ".join(form.errors["duration_hours"]))
