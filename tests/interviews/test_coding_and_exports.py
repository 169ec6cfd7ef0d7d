"""A coder codes passages (positions in code points, umlauts and emoji included), finds them
under the code, sees counts, writes best-practice examples, and the study leaves as REFI-QDA."""

import csv
import io
import zipfile
from pathlib import Path

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import etree

from ikokmu.models import AuditEvent
from ikokmu.roles import Role
from interviews import refi, services
from interviews.models import BestPractice, Code, Segment
from tests.factories import user_with_role
from tests.interviews import factories as f

HERE = Path(__file__).parent
TRANSCRIPT = (
    "I: Was hat sich verändert? 👋🏽\n"
    "B: Wir haben Übersetzungs-Apps für die Schichtübergabe eingeführt. 🚀 Das half sehr.\n"
    "B: Außerdem gibt es jetzt eine Patenschaft für neue Kolleg*innen."
)


def schema(name):
    return etree.XMLSchema(etree.parse(str(HERE / name)))


class Coding(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.coder = user_with_role(Role.INTERVIEW_TEAM, username="kodiererin")
        cls.manager = user_with_role(Role.INTERVIEW_TEAM, username="leitung")
        cls.study = f.study_with_team(manager=cls.manager, coders=[cls.coder])
        cls.case = f.company(cls.study)
        cls.interview = f.interview(cls.case, transcript=TRANSCRIPT)
        cls.category = f.code(cls.study, "Kommunikation", is_category=True)
        cls.language = f.code(
            cls.study, "Sprache im Betrieb", parent=cls.category, colour="#D62728"
        )
        cls.mentoring = f.code(cls.study, "Patenschaft", colour="#2CA02C")

    def setUp(self):
        self.client.force_login(self.coder)

    def test_a_coder_codes_a_passage_after_emoji_by_its_code_point_positions(self):
        sentence = "Das half sehr."
        start = TRANSCRIPT.index(sentence)  # Python: code points, the emoji counts once
        response = self.client.post(
            reverse("interviews:segment_create", args=[self.interview.pk]),
            {"start": start, "end": start + len(sentence), "codes": [self.language.pk]},
            headers={"HX-Request": "true"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "interviews/partials/workspace.html")
        segment = Segment.objects.get()
        self.assertEqual(segment.text, sentence)
        self.assertContains(response, 'title="Codes: Sprache im Betrieb"')
        self.assertContains(response, f">{sentence}</mark>")

    def test_keyboard_users_code_by_typing_the_words(self):
        self.client.post(
            reverse("interviews:segment_create", args=[self.interview.pk]),
            {"phrase": "Übersetzungs-Apps für die Schichtübergabe", "codes": [self.language.pk]},
        )
        segment = Segment.objects.get()
        self.assertEqual(TRANSCRIPT[segment.start : segment.end], segment.text)
        self.assertEqual(segment.text, "Übersetzungs-Apps für die Schichtübergabe")

    def test_bad_positions_get_a_german_message_and_keep_the_input(self):
        response = self.client.post(
            reverse("interviews:segment_create", args=[self.interview.pk]),
            {"start": 50, "end": 40, "codes": [self.language.pk]},
            headers={"HX-Request": "true"},
        )
        self.assertContains(response, "nicht (vollständig) im Transkript")
        self.assertContains(response, 'value="50"')
        self.assertContains(
            response, f'value="{self.language.pk}" id="code-{self.language.pk}" checked'
        )
        self.assertFalse(Segment.objects.exists())

    def test_a_segment_with_start_after_end_is_refused_by_the_database(self):
        from django.db import IntegrityError

        with self.assertRaises(IntegrityError):
            Segment.objects.create(interview=self.interview, start=9, end=3, text="x")

    def test_a_coder_changes_and_removes_codings(self):
        segment = services.segment_code(
            interview=self.interview, codes=[self.language], coder=self.coder, phrase="Patenschaft"
        )
        self.client.post(
            reverse("interviews:segment_edit", args=[segment.pk]),
            {"codes": [self.mentoring.pk]},
            headers={"HX-Request": "true"},
        )
        self.assertEqual(list(segment.codes.all()), [self.mentoring])
        response = self.client.post(
            reverse("interviews:segment_delete", args=[segment.pk]), headers={"HX-Request": "true"}
        )
        self.assertContains(response, "0 kodierte Textstellen")
        self.assertFalse(Segment.objects.exists())

    def test_retrieval_lists_segments_of_a_category_with_company_attributes_and_filters(self):
        services.segment_code(
            interview=self.interview,
            codes=[self.language],
            coder=self.coder,
            phrase="Übersetzungs-Apps",
        )
        response = self.client.get(reverse("interviews:retrieval", args=[self.category.pk]))
        self.assertContains(response, "Übersetzungs-Apps")
        self.assertContains(response, "Metallbau")
        response = self.client.get(
            reverse("interviews:retrieval", args=[self.category.pk]), {"size_class": "1-9"}
        )
        self.assertContains(response, "0 Textstellen")

    def test_segments_export_to_csv_with_the_code_path(self):
        services.segment_code(
            interview=self.interview,
            codes=[self.language],
            coder=self.coder,
            phrase="Übersetzungs-Apps",
        )
        response = self.client.get(
            reverse("interviews:retrieval_export", args=[self.language.pk, "csv"])
        )
        text = response.content.decode("utf-8-sig")
        self.assertIn("Kommunikation / Sprache im Betrieb", text)
        self.assertIn("Übersetzungs-Apps", text)
        xlsx = self.client.get(
            reverse("interviews:retrieval_export", args=[self.language.pk, "xlsx"])
        )
        self.assertEqual(xlsx.status_code, 200)

    def test_analysis_counts_per_company_and_code_in_constant_queries(self):
        services.segment_code(
            interview=self.interview,
            codes=[self.language, self.mentoring],
            coder=self.coder,
            phrase="Patenschaft",
        )
        url = reverse("interviews:analysis", args=[self.study.pk])
        with CaptureQueriesContext(connection) as before:
            response = self.client.get(url)
        matrix = response.context["matrix"]
        self.assertEqual([cell["n"] for cell in matrix["rows"][0]["cells"]], [1, 1])
        other = f.company(self.study, "U08", real_name="Zweite GmbH")
        for n in range(3):
            item = f.interview(other, transcript=f"B: Antwort {n} über Sprache")
            services.segment_code(
                interview=item, codes=[self.language], coder=self.coder, phrase="Sprache"
            )
        with CaptureQueriesContext(connection) as after:
            response = self.client.get(url)
        self.assertEqual(len(before), len(after))
        cells = response.context["matrix"]["rows"][1]["cells"]
        self.assertEqual([cell["n"] for cell in cells], [0, 3])

    def test_coding_page_runs_constant_queries(self):
        url = reverse("interviews:coding", args=[self.interview.pk])
        services.segment_code(
            interview=self.interview, codes=[self.language], coder=self.coder, phrase="Patenschaft"
        )
        with CaptureQueriesContext(connection) as before:
            self.client.get(url)
        for word in ("Wir", "Schicht", "half", "neue"):
            services.segment_code(
                interview=self.interview, codes=[self.mentoring], coder=self.coder, phrase=word
            )
        with CaptureQueriesContext(connection) as after:
            self.client.get(url)
        self.assertEqual(len(before), len(after))


class RefiQda(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = user_with_role(Role.INTERVIEW_TEAM, username="leitung")
        cls.study = f.study_with_team(manager=cls.manager, title="Öffnung & Vielfalt")
        cls.study.research_questions = "Wie öffnen sich KMU?"
        cls.study.save()
        cls.case = f.company(cls.study)
        cls.interview = f.interview(cls.case, transcript=TRANSCRIPT)
        cls.category = f.code(
            cls.study, "Kommunikation", is_category=True, definition="Alles zur Verständigung"
        )
        cls.language = f.code(
            cls.study,
            "Sprache",
            parent=cls.category,
            colour="#d62728",
            when_to_use="Sprache im Arbeitsalltag",
            example="„Apps“",
        )
        for phrase, codes in [
            ("Übersetzungs-Apps", [cls.language]),
            ("Das half sehr.", [cls.language]),
            ("Patenschaft für neue Kolleg*innen", [cls.language]),
        ]:
            segment = services.segment_code(
                interview=cls.interview, codes=codes, coder=cls.manager, phrase=phrase
            )
        services.memo_create(study=cls.study, author=cls.manager, text="Memo 🚀", segment=segment)
        services.memo_create(
            study=cls.study, author=cls.manager, text="Zum Code", code=cls.language
        )
        services.memo_create(
            study=cls.study, author=cls.manager, text="Zum Interview", interview=cls.interview
        )

    def export(self):
        self.client.force_login(self.manager)
        response = self.client.get(reverse("interviews:study_export", args=[self.study.pk]))
        self.assertEqual(response.status_code, 200)
        return zipfile.ZipFile(io.BytesIO(response.content))

    def test_the_qdpx_is_valid_and_its_selections_select_the_coded_text(self):
        archive = self.export()
        raw = archive.read("project.qde")
        self.assertTrue(raw.startswith(b"<?xml"))
        document = etree.fromstring(raw)
        validator = schema("Project-mrt2019.xsd")
        self.assertTrue(validator.validate(document), validator.error_log)
        ns = {"q": "urn:QDA-XML:project:1.0"}
        source = document.find(".//q:TextSource", ns)
        path = source.get("plainTextPath").removeprefix("internal://")
        text = archive.read(f"sources/{path}").decode("utf-8")
        self.assertEqual(text, TRANSCRIPT)
        selections = source.findall("q:PlainTextSelection", ns)
        self.assertEqual(len(selections), 3)
        for selection in selections:
            segment = Segment.objects.get(guid=selection.get("guid"))
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            self.assertEqual(text[start:end], segment.text)
        self.assertEqual(len(document.findall(".//q:Notes/q:Note", ns)), 3)
        case = document.find(".//q:Case", ns)
        self.assertEqual(case.get("name"), "U07")
        self.assertNotIn(b"Huber", raw)
        self.assertTrue(
            AuditEvent.objects.filter(summary__startswith="Interviewstudie als REFI-QDA").exists()
        )

    def test_guids_stay_the_same_across_exports(self):
        first = self.export().read("project.qde")
        second = self.export().read("project.qde")
        import re

        guids = re.compile(rb'guid="([^"]+)"')
        self.assertEqual(guids.findall(first), guids.findall(second))

    def test_only_managers_export_the_study(self):
        coder = user_with_role(Role.INTERVIEW_TEAM, username="kodierer")
        services.member_set(study=self.study, user=coder, role="code")
        self.client.force_login(coder)
        response = self.client.get(reverse("interviews:study_export", args=[self.study.pk]))
        self.assertEqual(response.status_code, 404)

    def test_the_qdc_is_valid_and_imports_into_another_study(self):
        self.client.force_login(self.manager)
        response = self.client.get(
            reverse("interviews:codebook_export", args=[self.study.pk, "qdc"])
        )
        document = etree.fromstring(response.content)
        validator = schema("Codebook-derived.xsd")
        self.assertTrue(validator.validate(document), validator.error_log)
        other = f.study_with_team(manager=self.manager, title="Zweite Studie")
        self.assertEqual(refi.codebook_import_qdc(other, response.content), 2)
        imported = Code.objects.get(study=other, name="Sprache")
        self.assertEqual(imported.parent.name, "Kommunikation")
        self.assertTrue(imported.parent.is_category)
        self.assertEqual(imported.when_to_use, "Sprache im Arbeitsalltag")
        self.assertEqual(imported.colour, "#D62728")

    def test_the_csv_codebook_round_trips_and_bad_rows_get_a_message(self):
        self.client.force_login(self.manager)
        response = self.client.get(
            reverse("interviews:codebook_export", args=[self.study.pk, "csv"])
        )
        text = response.content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        self.assertEqual(rows[2][0], "Kommunikation / Sprache")
        other = f.study_with_team(manager=self.manager, title="Dritte Studie")
        self.assertEqual(refi.codebook_import_csv(other, text), 2)
        self.assertEqual(Code.objects.get(study=other, name="Sprache").example, "„Apps“")
        from django.core.files.uploadedfile import SimpleUploadedFile

        bad = b"Pfad;Farbe\r\nNeu;rot\r\n"
        response = self.client.post(
            reverse("interviews:codebook_import", args=[other.pk]),
            {"file": SimpleUploadedFile("k.csv", bad)},
        )
        self.assertContains(response, "Zeile 2: Farbe „rot“ ist nicht #RRGGBB.")

    def test_a_colour_outside_rrggbb_is_refused_by_the_database(self):
        from django.db import IntegrityError

        with self.assertRaises(IntegrityError):
            Code.objects.create(study=self.study, name="Falsch", colour="red")


class Publication(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = user_with_role(Role.INTERVIEW_TEAM, username="leitung")
        cls.study = f.study_with_team(manager=cls.manager)
        cls.case = f.company(cls.study)
        cls.interview = f.interview(
            cls.case,
            transcript=TRANSCRIPT,
            scopes={"transcription": True, "scientific_use": True, "quotation": True},
        )
        cls.code = f.code(cls.study, "Patenschaft")
        cls.segment = services.segment_code(
            interview=cls.interview,
            codes=[cls.code],
            coder=cls.manager,
            phrase="Patenschaft für neue",
        )

    def example(self, **fields):
        values = {
            "study": self.study,
            "title": "Paten für Neue",
            "company": self.case,
            "challenge": "Neue fanden sich schwer zurecht.",
            "what_they_did": "Patenschaften eingeführt.",
            **fields,
        }
        return services.best_practice_save(
            example=BestPractice(**values),
            interviews=[self.interview],
            codes=[self.code],
            fields_of_action=[],
            measures=[],
        )

    def test_an_anonymous_example_with_an_approved_quote_is_published_and_public(self):
        example = self.example(quote_segment=self.segment)
        self.client.force_login(self.manager)
        self.client.post(reverse("interviews:example_publish", args=[example.pk]))
        example.refresh_from_db()
        self.assertEqual(example.status, "published")
        self.client.logout()
        response = self.client.get(reverse("interviews:public_list"))
        self.assertContains(response, "Paten für Neue")
        response = self.client.get(example.get_absolute_url())
        self.assertContains(response, "Patenschaft für neue")
        self.assertContains(response, "Ein Unternehmen")
        self.assertNotContains(response, "U07")

    def test_naming_the_company_needs_consent_to_publication(self):
        example = self.example(show_company_name=True, public_company_name="Huber Feinmechanik")
        self.client.force_login(self.manager)
        response = self.client.post(
            reverse("interviews:example_publish", args=[example.pk]), follow=True
        )
        self.assertContains(response, "keine Einwilligung in die namentliche Veröffentlichung")
        example.refresh_from_db()
        self.assertEqual(example.status, "draft")

    def test_drafts_are_not_public(self):
        example = self.example()
        response = self.client.get(example.get_absolute_url())
        self.assertEqual(response.status_code, 404)

    def test_a_published_example_returns_to_draft_when_consent_is_withdrawn(self):
        import datetime

        example = self.example()
        services.best_practice_publish(example=example)
        services.interview_withdraw_consent(interview=self.interview, on=datetime.date(2025, 12, 1))
        example.refresh_from_db()
        self.assertEqual(example.status, "draft")
