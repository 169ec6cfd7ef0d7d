"""The interview team's uploads and forms hold against hostile files and input: transcripts
that expand, odd .odt values, codebooks nested thousands deep, a code renamed to its sibling's
name, memo targets that are no ids, audio files that are none. Never a server error; a German
message at the field."""

import shutil
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse

from ikokmu.roles import Role
from interviews.models import Code, Memo
from interviews.transcripts import MAX_TRANSCRIPT_CHARS
from tests.factories import user_with_role
from tests.hostile_files import MB, docx, docx_text, odt
from tests.interviews import factories as f

MEDIA = tempfile.mkdtemp(prefix="ikokmu-test-audio-")


class TranscriptUploadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = user_with_role(Role.INTERVIEW_TEAM, username="leitung")
        cls.study = f.study_with_team(manager=cls.manager)
        cls.interview = f.interview(f.company(cls.study))
        cls.url = reverse("interviews:transcript", args=[cls.interview.pk])

    def setUp(self):
        self.client.force_login(self.manager)

    def upload(self, name: str, content: bytes):
        return self.client.post(self.url, {"text": "", "file": SimpleUploadedFile(name, content)})

    def assert_refused(self, response, message: str):
        self.assertEqual(response.status_code, 200)
        self.assertIn(message, " ".join(response.context["form"].errors.get("file", [])))
        self.interview.refresh_from_db()
        self.assertEqual(self.interview.transcript, "")

    def test_a_docx_whose_document_unpacks_to_200_mb_is_refused_before_reading(self):
        bomb = docx(b"<w:p><w:r><w:t>" + b"a" * (200 * MB) + b"</w:t></w:r></w:p>")
        self.assertLess(len(bomb), 400 * 1024)
        self.assert_refused(self.upload("interview.docx", bomb), "entpackt größer als 20 MB")

    def test_a_docx_with_more_text_than_a_transcript_has_is_refused(self):
        text = "Wort " * (MAX_TRANSCRIPT_CHARS // 5 + 10)
        self.assert_refused(
            self.upload("interview.docx", docx_text(text)),
            "Der Text ist länger als 1.000.000 Zeichen",
        )

    def test_an_odt_asking_for_50_million_spaces_is_refused(self):
        content = odt('<text:p>I: Hallo<text:s text:c="50000000"/>B: Guten Tag</text:p>')
        self.assertLess(len(content), 1024)
        self.assert_refused(
            self.upload("interview.odt", content), "Der Text ist länger als 1.000.000 Zeichen"
        )

    def test_an_odt_with_a_space_count_that_is_no_number_counts_one_space(self):
        content = odt('<text:p>I: Wie<text:s text:c="abc"/>fing es an?</text:p>')
        response = self.upload("interview.odt", content)
        self.assertEqual(response.status_code, 302)
        self.interview.refresh_from_db()
        self.assertEqual(self.interview.transcript, "I: Wie fing es an?")

    def test_a_long_pasted_transcript_fits_the_request_body_limit_and_more_does_not(self):
        # 600,000 umlauts are 3.6 MB in the form body (percent-encoded UTF-8): above Django's
        # default limit of 2.5 MB, within the platform's 10 MB.
        response = self.client.post(self.url, {"text": "B: " + "ä" * 600_000})
        self.assertEqual(response.status_code, 302)
        self.interview.refresh_from_db()
        self.assertEqual(len(self.interview.transcript), 600_003)
        response = self.client.post(self.url, {"text": "x" * (10 * MB + 1)})
        self.assertEqual(response.status_code, 400)

    def test_pasted_text_longer_than_a_transcript_is_refused_at_the_field(self):
        response = self.client.post(self.url, {"text": "x" * (MAX_TRANSCRIPT_CHARS + 1)})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["text"])


@override_settings(
    STORAGES={
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": MEDIA},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
)
class AudioUploadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = user_with_role(Role.INTERVIEW_TEAM, username="leitung")
        cls.study = f.study_with_team(manager=cls.manager)
        cls.interview = f.interview(f.company(cls.study))
        cls.url = reverse("interviews:audio", args=[cls.interview.pk])

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def setUp(self):
        self.client.force_login(self.manager)

    def test_a_program_renamed_to_mp3_is_refused(self):
        response = self.client.post(
            self.url, {"audio": SimpleUploadedFile("aufnahme.mp3", b"MZ\x90\x00" + b"\0" * 500)}
        )
        self.assertFormError(
            response.context["form"],
            "audio",
            "Der Inhalt der Datei ist keine Audiodatei dieser Art.",
        )

    def test_a_document_is_no_audio_file(self):
        response = self.client.post(
            self.url, {"audio": SimpleUploadedFile("aufnahme.pdf", b"%PDF-1.4")}
        )
        self.assertFormError(
            response.context["form"],
            "audio",
            "Erlaubt sind MP3, M4A, WAV, OGG, Opus, FLAC und WebM.",
        )

    def test_a_recording_larger_than_other_uploads_is_stored(self):
        # 21 MB: above the platform's upload limit, within the audio page's own.
        recording = b"ID3\x04\x00" + b"\0" * (21 * MB)
        response = self.client.post(
            self.url, {"audio": SimpleUploadedFile("aufnahme.mp3", recording)}
        )
        self.assertEqual(response.status_code, 302)
        self.interview.refresh_from_db()
        self.assertEqual(self.interview.audio.size, len(recording))


class CodebookTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = user_with_role(Role.INTERVIEW_TEAM, username="leitung")
        cls.study = f.study_with_team(manager=cls.manager)
        cls.language = f.code(cls.study, "Sprache")
        cls.onboarding = f.code(cls.study, "Einarbeitung")

    def setUp(self):
        self.client.force_login(self.manager)

    def import_file(self, content: bytes, name="codes.qdc"):
        return self.client.post(
            reverse("interviews:codebook_import", args=[self.study.pk]),
            {"file": SimpleUploadedFile(name, content)},
        )

    def test_a_qdc_of_3000_nested_codes_is_refused_before_any_code_is_written(self):
        nested = '<Code name="Ebene" guid="x">' * 3000 + "</Code>" * 3000
        content = (
            '<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
            f"{nested}</Codes></CodeBook>"
        ).encode()
        response = self.import_file(content)
        self.assertFormError(
            response.context["form"],
            "file",
            "Das Kodesystem ist tiefer als 12 Ebenen verschachtelt.",
        )
        self.assertEqual(Code.objects.filter(study=self.study).count(), 2)

    def test_a_qdc_of_more_codes_than_a_codebook_has_is_refused(self):
        codes = "".join(f'<Code name="Code {n}" guid="x"/>' for n in range(1001))
        content = (
            '<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
            f"{codes}</Codes></CodeBook>"
        ).encode()
        response = self.import_file(content)
        self.assertFormError(
            response.context["form"],
            "file",
            "Das Kodesystem hat mehr als 1000 Codes; so große Kodesysteme nehmen wir nicht an.",
        )

    def test_renaming_a_code_to_its_siblings_name_is_refused_at_the_name(self):
        response = self.client.post(
            reverse("interviews:code_edit", args=[self.onboarding.pk]),
            {"name": "Sprache", "colour": "#1F77B4", "position": 0},
        )
        self.assertEqual(response.status_code, 200)
        self.assertFormError(
            response.context["form"], "name", "Diesen Code gibt es an dieser Stelle schon."
        )
        self.onboarding.refresh_from_db()
        self.assertEqual(self.onboarding.name, "Einarbeitung")

    def test_a_code_name_with_a_control_character_is_refused(self):
        response = self.client.post(
            reverse("interviews:code_edit", args=[self.onboarding.pk]),
            {"name": "Einarbeitung\x07", "colour": "#1F77B4", "position": 0},
        )
        self.assertFormError(
            response.context["form"],
            "name",
            "Bitte ohne Steuerzeichen (unsichtbare Sonderzeichen) eingeben.",
        )


class MemoTargetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = user_with_role(Role.INTERVIEW_TEAM, username="leitung")
        cls.study = f.study_with_team(manager=cls.manager)
        cls.interview = f.interview(f.company(cls.study))

    def test_memo_targets_that_are_no_ids_are_not_found(self):
        self.client.force_login(self.manager)
        url = reverse("interviews:memo_create", args=[self.study.pk])
        for target in ("segment", "interview", "code"):
            for value in ("abc", "1.5", "²", "99999999999999999999", "\x00"):
                with self.subTest(target=target, value=value):
                    response = self.client.post(url, {target: value, "text": "Gedanke"})
                    self.assertEqual(response.status_code, 404)
        self.assertFalse(Memo.objects.exists())

    def test_a_memo_on_an_interview_is_still_saved(self):
        self.client.force_login(self.manager)
        url = reverse("interviews:memo_create", args=[self.study.pk])
        response = self.client.post(url, {"interview": str(self.interview.pk), "text": "Gut"})
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Memo.objects.filter(interview=self.interview, text="Gut").exists())
