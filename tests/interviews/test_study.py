"""The interview team records interviews with consent, pastes transcripts that are
pseudonymised on the way in, and only the right people see what they may."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.urls import reverse

from ikokmu.models import AuditEvent
from ikokmu.roles import Role
from interviews import services
from interviews.models import Interview, Segment
from tests.factories import user_with_role
from tests.interviews import factories as f

TRANSCRIPT = (
    "I: Wie hat Huber Feinmechanik GmbH angefangen?\n"
    "B: Bei Huber haben wir 2019 mit einer Sprachpatenschaft begonnen. "
    "Frau Öztürk aus der Montage hat das angestoßen. 😊 Danach kam mehr.\n"
)


class ConsentRules(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = user_with_role(Role.INTERVIEW_TEAM, username="leitung")
        cls.study = f.study_with_team(manager=cls.manager)
        cls.case = f.company(cls.study, other_names="Huber\nÖztürk = [Mitarbeiterin]")

    def test_without_consent_an_interview_gets_no_transcript(self):
        interview = f.interview(self.case, scopes=None)
        with self.assertRaises(ValidationError):
            services.interview_set_transcript(interview=interview, text="B: Hallo")
        interview.transcript = "B: Hallo"
        with self.assertRaises(IntegrityError), transaction.atomic():
            interview.save()

    def test_consent_without_transcription_scope_refuses_a_transcript(self):
        interview = f.interview(self.case, scopes={"recording": True, "scientific_use": True})
        with self.assertRaises(ValidationError):
            services.interview_set_transcript(interview=interview, text="B: Hallo")

    def test_withdrawing_consent_removes_transcript_codings_and_publication(self):
        interview = f.interview(self.case, transcript=TRANSCRIPT)
        code = f.code(self.study, "Sprache")
        segment = services.segment_code(
            interview=interview, codes=[code], coder=self.manager, phrase="Sprachpatenschaft"
        )
        example = services.best_practice_save(
            example=services.BestPractice(
                study=self.study,
                title="Sprachpaten",
                company=self.case,
                challenge="x",
                what_they_did="y",
            ),
            interviews=[interview],
            codes=[code],
            fields_of_action=[],
            measures=[],
        )
        services.best_practice_publish(example=example)
        services.interview_withdraw_consent(interview=interview, on=datetime.date(2025, 6, 1))
        interview.refresh_from_db()
        example.refresh_from_db()
        self.assertEqual(interview.transcript, "")
        self.assertFalse(Segment.objects.filter(pk=segment.pk).exists())
        self.assertEqual(example.status, "draft")
        self.assertTrue(AuditEvent.objects.filter(kind="deletion").exists())

    def test_narrowing_the_consent_drops_the_transcript(self):
        interview = f.interview(self.case, transcript=TRANSCRIPT)
        services.interview_record_consent(
            interview=interview,
            date=interview.consent_date,
            form_version="2",
            scopes={"scientific_use": True},
        )
        interview.refresh_from_db()
        self.assertEqual(interview.transcript, "")


class Pseudonymisation(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = user_with_role(Role.INTERVIEW_TEAM, username="leitung")
        cls.study = f.study_with_team(manager=cls.manager)
        cls.case = f.company(cls.study, other_names="Huber\nÖztürk = [Mitarbeiterin]")

    def test_pasting_a_transcript_replaces_real_names_by_the_pseudonym(self):
        interview = f.interview(self.case)
        self.client.force_login(self.manager)
        response = self.client.post(
            reverse("interviews:transcript", args=[interview.pk]), {"text": TRANSCRIPT}
        )
        self.assertRedirects(response, reverse("interviews:coding", args=[interview.pk]))
        interview.refresh_from_db()
        self.assertNotIn("Huber", interview.transcript)
        self.assertNotIn("Öztürk", interview.transcript)
        self.assertIn("Wie hat U07 angefangen?", interview.transcript)
        self.assertIn("Bei U07 haben wir", interview.transcript)
        self.assertIn("Frau [Mitarbeiterin] aus", interview.transcript)
        self.assertEqual(interview.status, Interview.Status.TRANSCRIBED)

    def test_uploading_a_docx_or_odt_gives_the_same_plain_text(self):
        import io
        import zipfile

        from django.core.files.uploadedfile import SimpleUploadedFile

        docx = io.BytesIO()
        with zipfile.ZipFile(docx, "w") as archive:
            archive.writestr(
                "word/document.xml",
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
                'main"><w:body><w:p><w:r><w:t>I: Frage an Huber?</w:t></w:r></w:p>'
                '<w:p><w:r><w:t xml:space="preserve">B: Antwort </w:t></w:r><w:r><w:t>mit Ä'
                "</w:t></w:r></w:p></w:body></w:document>",
            )
        odt = io.BytesIO()
        with zipfile.ZipFile(odt, "w") as archive:
            archive.writestr(
                "content.xml",
                '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
                'office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
                "<office:body><office:text><text:p>I: Frage an Huber?</text:p><text:p>B: "
                "Antwort<text:s/><text:span>mit Ä</text:span></text:p></office:text>"
                "</office:body></office:document-content>",
            )
        self.client.force_login(self.manager)
        for name, content in [("t.docx", docx.getvalue()), ("t.odt", odt.getvalue())]:
            interview = f.interview(self.case)
            self.client.post(
                reverse("interviews:transcript", args=[interview.pk]),
                {"file": SimpleUploadedFile(name, content)},
            )
            interview.refresh_from_db()
            self.assertEqual(interview.transcript, "I: Frage an U07?\nB: Antwort mit Ä", name)

    def test_a_file_of_another_kind_gets_a_german_message(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        interview = f.interview(self.case)
        self.client.force_login(self.manager)
        response = self.client.post(
            reverse("interviews:transcript", args=[interview.pk]),
            {"file": SimpleUploadedFile("t.pdf", b"%PDF")},
        )
        self.assertContains(response, ".txt, .docx oder .odt")


class Visibility(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = user_with_role(Role.INTERVIEW_TEAM, username="leitung")
        cls.coder = user_with_role(Role.INTERVIEW_TEAM, username="kodiererin")
        cls.reader = user_with_role(Role.INTERVIEW_TEAM, username="leser")
        cls.outsider = user_with_role(Role.INTERVIEW_TEAM, username="andere-studie")
        cls.project = user_with_role(Role.PROJECT_TEAM, username="projekt")
        cls.staff = user_with_role(Role.DISTRICT_STAFF, username="lra")
        cls.study = f.study_with_team(manager=cls.manager, coders=[cls.coder], readers=[cls.reader])
        cls.case = f.company(cls.study)
        cls.interview = f.interview(cls.case, transcript=TRANSCRIPT)

    def get(self, user, name, *args):
        self.client.force_login(user)
        return self.client.get(reverse(name, args=args))

    def test_members_read_the_coding_page_others_get_not_found(self):
        for user in (self.manager, self.coder, self.reader, self.project):
            self.assertEqual(
                self.get(user, "interviews:coding", self.interview.pk).status_code, 200, user
            )
        self.assertEqual(
            self.get(self.outsider, "interviews:coding", self.interview.pk).status_code, 404
        )
        self.assertEqual(
            self.get(self.staff, "interviews:coding", self.interview.pk).status_code, 403
        )

    def test_only_managers_open_the_pseudonym_key_and_it_is_logged(self):
        for user in (self.coder, self.reader, self.project):
            self.assertEqual(
                self.get(user, "interviews:company_key", self.case.pk).status_code, 404
            )
        response = self.get(self.manager, "interviews:company_key", self.case.pk)
        self.assertContains(response, "Huber Feinmechanik GmbH")
        event = AuditEvent.objects.get(summary__startswith="Pseudonymschlüssel eingesehen")
        self.assertEqual(event.actor_username, "leitung")

    def test_readers_cannot_code(self):
        code = f.code(self.study, "Sprache")
        self.client.force_login(self.reader)
        response = self.client.post(
            reverse("interviews:segment_create", args=[self.interview.pk]),
            {"phrase": "Sprachpatenschaft", "codes": [code.pk]},
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(Segment.objects.exists())

    def test_the_real_name_appears_on_no_team_page(self):
        for name, arg in [
            ("interviews:study_detail", self.study.pk),
            ("interviews:coding", self.interview.pk),
            ("interviews:interview_detail", self.interview.pk),
        ]:
            self.assertNotContains(self.get(self.manager, name, arg), "Feinmechanik")

    def test_the_start_page_shows_the_study_panel(self):
        response = self.get(self.coder, "dashboard")
        self.assertContains(response, "Vielfalt im Betrieb")


class Retention(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = user_with_role(Role.INTERVIEW_TEAM, username="leitung")
        cls.study = f.study_with_team(manager=cls.manager)
        cls.study.transcripts_delete_on = datetime.date(2026, 1, 31)
        cls.study.key_delete_on = datetime.date(2026, 6, 30)
        cls.study.save()
        cls.case = f.company(cls.study)
        cls.interview = f.interview(cls.case, transcript=TRANSCRIPT)

    def test_the_deletion_command_applies_the_dates_of_a_fixed_day_and_logs_them(self):
        from io import StringIO

        from django.core.management import call_command

        out = StringIO()
        call_command("apply_interview_retention", "--today", "2026-01-30", stdout=out)
        self.interview.refresh_from_db()
        self.assertTrue(self.interview.transcript)
        call_command("apply_interview_retention", "--today", "2026-02-01", stdout=out)
        self.interview.refresh_from_db()
        self.assertEqual(self.interview.transcript, "")
        self.assertTrue(hasattr(self.case, "key"))
        call_command("apply_interview_retention", "--today", "2026-07-01", stdout=out)
        self.assertFalse(services.PseudonymKey.objects.filter(company=self.case).exists())
        self.assertIn("Transkript gelöscht", out.getvalue())
        self.assertIn("Pseudonymschlüssel gelöscht: Fall U07", out.getvalue())
        self.assertEqual(AuditEvent.objects.filter(kind="deletion").count(), 2)
