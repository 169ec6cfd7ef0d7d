"""The project team manages questionnaires: JSON export and import, copies, versions, preview,
missing translations."""

import json

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikokmu.roles import Role
from surveys import services
from surveys.demo import DEMO_QUESTIONNAIRE
from surveys.models import Questionnaire, Response, Weight
from tests.factories import user_with_role
from tests.surveys.helpers import answer_all, demo_version, open_round


class JsonRoundTripTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()

    def test_an_exported_questionnaire_imports_to_an_equal_one(self):
        exported = services.questionnaire_export(self.version)
        copy = services.questionnaire_import(data=json.loads(json.dumps(exported)))
        self.assertNotEqual(copy.questionnaire_id, self.version.questionnaire_id)
        self.assertEqual(services.questionnaire_export(copy), exported)
        self.assertEqual(len(exported["sections"]), 5)
        self.assertEqual(sum(len(s["questions"]) for s in exported["sections"]), 25)

    def test_the_demo_uses_every_question_type_and_conditions(self):
        exported = services.questionnaire_export(self.version)
        questions = [q for s in exported["sections"] for q in s["questions"]]
        self.assertEqual(
            {q["type"] for q in questions},
            {
                "single_choice",
                "multiple_choice",
                "rating",
                "matrix",
                "yes_no",
                "short_text",
                "long_text",
                "number",
                "date",
            },
        )
        conditions = [c for q in questions for c in q["conditions"]] + [
            c for s in exported["sections"] for c in s["conditions"]
        ]
        self.assertGreaterEqual(len(conditions), 2)

    def test_a_file_that_is_no_questionnaire_is_refused_in_german(self):
        with self.assertRaisesMessage(ValidationError, "kein exportierter Fragebogen"):
            services.questionnaire_import(data={"sections": []})
        broken = {**DEMO_QUESTIONNAIRE, "sections": [{"title": {"de": "A"}}]}
        with self.assertRaisesMessage(ValidationError, "unvollständig oder fehlerhaft"):
            services.questionnaire_import(data=broken)
        self.assertEqual(Questionnaire.objects.count(), 1)


class VersionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()
        cls.round, _open = open_round(cls.version)

    def test_a_version_freezes_with_its_first_response_and_editing_makes_the_next(self):
        self.assertFalse(self.version.is_frozen)
        _invitation, token = services.invitation_create(survey_round=self.round)
        answer_all(self.client, token)
        self.assertTrue(self.version.is_frozen)
        following = services.version_create_next(version=self.version)
        self.assertEqual(following.questionnaire, self.version.questionnaire)
        self.assertEqual(following.number, 2)
        self.assertFalse(following.is_frozen)
        self.assertEqual(following.questions.count(), 25)
        # The responses stay with the version they answered.
        self.assertEqual(Response.objects.get().round.version, self.version)


class BuilderPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()
        cls.team = user_with_role(Role.PROJECT_TEAM, username="team")

    def setUp(self):
        self.client.force_login(self.team)

    def test_the_list_runs_the_same_queries_for_more_questionnaires(self):
        list_url = reverse("surveys:questionnaire_list")
        with CaptureQueriesContext(connection) as few:
            self.client.get(list_url)
        for n in range(3):
            services.questionnaire_copy(version=self.version, name=f"Kopie {n}")
        with CaptureQueriesContext(connection) as more:
            page = self.client.get(list_url)
        self.assertContains(page, "Kopie 2")
        self.assertEqual(len(few), len(more))

    def test_missing_translations_are_listed(self):
        self.version.languages = [*self.version.languages, "pl"]
        self.version.save()
        page = self.client.get(reverse("surveys:version_detail", args=[self.version.pk]))
        self.assertContains(page, "Polnisch")
        self.assertContains(page, "Texte sind noch nicht übersetzt")
        self.assertContains(page, "q01_branche")

    def test_the_preview_shows_a_page_as_respondents_see_it_in_each_language(self):
        page = self.client.get(
            reverse("surveys:preview", args=[self.version.pk, 1]), {"sprache": "en"}
        )
        self.assertContains(page, "How many people does your company employ?")
        self.assertContains(page, "Nothing is saved.")
        self.assertFalse(Response.objects.exists())

    def test_the_preview_starts_with_the_privacy_notice_and_consent(self):
        page = self.client.get(
            reverse("surveys:preview", args=[self.version.pk, 0]), {"sprache": "en"}
        )
        self.assertContains(page, "I have read the privacy notice")
        self.assertContains(page, 'action="#" data-preview')

    def test_export_then_import_through_the_pages(self):
        exported = self.client.get(reverse("surveys:export", args=[self.version.pk]))
        self.assertEqual(exported["Content-Type"], "application/json")
        upload = SimpleUploadedFile("f.json", exported.content, "application/json")
        reply = self.client.post(reverse("surveys:questionnaire_import"), {"file": upload})
        self.assertEqual(reply.status_code, 302)
        self.assertEqual(Questionnaire.objects.count(), 2)

    def test_an_upload_that_is_not_json_stays_on_the_form_with_a_message(self):
        upload = SimpleUploadedFile("f.json", b"kein json", "application/json")
        page = self.client.post(reverse("surveys:questionnaire_import"), {"file": upload})
        self.assertContains(page, "kein gültiges JSON")

    def test_copy_and_new_version_buttons(self):
        reply = self.client.post(
            reverse("surveys:copy", args=[self.version.pk]),
            {"name": "Bedarfsbefragung Landkreis X"},
        )
        copy = Questionnaire.objects.get(name="Bedarfsbefragung Landkreis X")
        self.assertEqual(copy.copied_from, self.version)
        self.assertRedirects(
            reply, reverse("surveys:version_detail", args=[copy.versions.get().pk])
        )
        reply = self.client.post(reverse("surveys:new_version", args=[self.version.pk]))
        self.assertEqual(self.version.questionnaire.versions.count(), 2)


class BuilderEditingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()
        cls.team = user_with_role(Role.PROJECT_TEAM, username="team")

    def setUp(self):
        self.client.force_login(self.team)
        self.section = self.version.sections.get(position=1)

    def test_the_team_adds_a_question_with_choices_in_two_languages(self):
        reply = self.client.post(
            reverse("surveys:question_create", args=[self.version.pk, self.section.pk]),
            {
                "code": "q26_rechtsform",
                "type": "single_choice",
                "display": "radio",
                "text_de": "Welche Rechtsform hat Ihr Betrieb?",
                "text_en": "What is your company's legal form?",
                "choices_text": "gmbh | GmbH | limited company\neinzel | Einzelunternehmen |",
            },
        )
        self.assertEqual(reply.status_code, 302)
        question = self.section.questions.get(code="q26_rechtsform")
        self.assertEqual(question.position, 6)
        self.assertEqual(
            [(c.code, c.label) for c in question.choices.all()],
            [
                ("gmbh", {"de": "GmbH", "en": "limited company"}),
                ("einzel", {"de": "Einzelunternehmen"}),
            ],
        )
        # The missing English label shows up in the builder.
        page = self.client.get(reverse("surveys:version_detail", args=[self.version.pk]))
        self.assertContains(page, "q26_rechtsform/einzel")

    def test_a_question_form_with_mistakes_keeps_the_input_and_says_what_is_wrong(self):
        page = self.client.post(
            reverse("surveys:question_create", args=[self.version.pk, self.section.pk]),
            {"code": "q01_branche", "type": "matrix", "display": "radio", "text_de": "Neu?"},
        )
        self.assertContains(page, "Bitte mindestens eine Matrixzeile.")
        self.assertContains(page, "Bitte 5 oder 7 Skalenpunkte wählen.")
        self.assertContains(page, 'value="Neu?"')

    def test_a_duplicate_code_is_refused_next_to_the_field(self):
        page = self.client.post(
            reverse("surveys:question_create", args=[self.version.pk, self.section.pk]),
            {"code": "q01_branche", "type": "short_text", "display": "radio", "text_de": "X"},
        )
        self.assertContains(page, "Diesen Code gibt es in diesem Fragebogen schon.")
        self.assertEqual(self.version.questions.filter(code="q01_branche").count(), 1)

    def test_questions_and_sections_move_up_and_down_and_can_be_deleted(self):
        first, second = self.section.questions.order_by("position")[:2]
        self.client.post(
            reverse("surveys:question_action", args=[self.version.pk, second.pk, "hoch"])
        )
        self.assertEqual(
            list(self.section.questions.order_by("position").values_list("code", flat=True)[:2]),
            [second.code, first.code],
        )
        self.client.post(
            reverse("surveys:section_action", args=[self.version.pk, self.section.pk, "runter"])
        )
        self.section.refresh_from_db()
        self.assertEqual(self.section.position, 2)
        last = self.version.sections.get(position=5)
        self.client.post(
            reverse("surveys:section_action", args=[self.version.pk, last.pk, "loeschen"])
        )
        self.assertEqual(self.version.sections.count(), 4)

    def test_a_frozen_version_refuses_changes_and_says_why(self):
        survey_round, _open = open_round(self.version)
        _invitation, token = services.invitation_create(survey_round=survey_round)
        answer_all(self.client_class(), token)
        question = self.section.questions.first()
        reply = self.client.post(
            reverse("surveys:question_action", args=[self.version.pk, question.pk, "loeschen"]),
            follow=True,
        )
        self.assertContains(reply, "ihr Aufbau ist eingefroren")
        self.assertTrue(type(question).objects.filter(pk=question.pk).exists())
        with self.assertRaises(ValidationError):
            services.section_save(version=self.version, title={"de": "Neu"}, description={})

    def test_languages_and_texts_of_the_questionnaire_are_edited(self):
        reply = self.client.post(
            reverse("surveys:version_edit", args=[self.version.pk]),
            {
                "languages": ["en", "uk"],
                "title_de": "Neuer Titel",
                "privacy_notice_de": "Hinweis",
                "consent_label_de": "Ja, einverstanden",
            },
        )
        self.assertEqual(reply.status_code, 302)
        self.version.refresh_from_db()
        self.assertEqual(self.version.languages, ["de", "en", "uk"])
        self.assertEqual(self.version.title, {"de": "Neuer Titel"})


class WeightAndConditionEditingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()
        cls.team = user_with_role(Role.PROJECT_TEAM, username="team")

    def setUp(self):
        self.client.force_login(self.team)
        self.question = self.version.questions.get(code="q13_paten")
        self.edit_url = reverse("surveys:question_edit", args=[self.version.pk, self.question.pk])

    def form_data(self, **changes):
        page = self.client.get(self.edit_url)
        form = page.context["form"]
        data = {name: form[name].value() for name in form.fields}
        data = {k: v for k, v in data.items() if v not in (None, False)}
        data.update(changes)
        return data

    def test_the_edit_form_shows_weights_and_conditions_as_lines(self):
        page = self.client.get(self.edit_url)
        self.assertEqual(page.context["form"]["weights_text"].value(), "nein: onboarding=1")
        q05 = self.version.questions.get(code="q05_anteil")
        page = self.client.get(reverse("surveys:question_edit", args=[self.version.pk, q05.pk]))
        self.assertEqual(
            page.context["form"]["conditions_text"].value(), "q04_international equals ja"
        )

    def test_the_team_links_a_choice_to_fields_of_action_and_adds_a_condition(self):
        reply = self.client.post(
            self.edit_url,
            self.form_data(
                weights_text="nein: onboarding=1.5, sprache=0.5",
                conditions_text="q02_beschaeftigte greater 9",
            ),
        )
        self.assertEqual(reply.status_code, 302)
        weights = sorted(
            (w.choice.code, w.field_of_action.slug, str(w.weight))
            for w in Weight.objects.filter(choice__question=self.question)
        )
        self.assertEqual(weights, [("nein", "onboarding", "1.50"), ("nein", "sprache", "0.50")])
        condition = self.question.conditions.get()
        self.assertEqual(
            (condition.source.code, condition.operator, condition.values),
            ("q02_beschaeftigte", "greater", ["9"]),
        )

    def test_a_condition_on_a_later_question_and_an_unknown_field_are_refused(self):
        page = self.client.post(
            self.edit_url,
            self.form_data(
                weights_text="nein: kochen=1", conditions_text="q25_anmerkungen contains x"
            ),
        )
        self.assertContains(page, "q25_anmerkungen ist keine frühere Frage.")
        self.assertContains(page, "Bitte Handlungsfeld=Gewicht angeben")

    def test_a_section_shows_only_when_an_earlier_answer_matches(self):
        section = self.version.sections.get(position=4)
        reply = self.client.post(
            reverse("surveys:section_edit", args=[self.version.pk, section.pk]),
            {"title_de": "Betriebskultur", "conditions_text": "q06_offene_stellen one_of ja"},
        )
        self.assertEqual(reply.status_code, 302)
        self.assertEqual(section.conditions.get().source.code, "q06_offene_stellen")


class ImportRuleTests(TestCase):
    def test_an_import_whose_condition_looks_ahead_is_refused(self):
        data = json.loads(json.dumps(DEMO_QUESTIONNAIRE))
        first = data["sections"][0]["questions"][0]
        first["conditions"] = [
            {"source": "q25_anmerkungen", "operator": "contains", "values": ["x"]}
        ]
        demo_version()
        with self.assertRaisesMessage(ValidationError, "nicht auf eine frühere Frage"):
            services.questionnaire_import(data=data)


class StartPageTests(TestCase):
    def test_the_project_team_sees_running_rounds_with_their_submitted_count(self):
        version = demo_version()
        survey_round, _open = open_round(version)
        _invitation, token = services.invitation_create(survey_round=survey_round)
        answer_all(self.client, token)
        self.client.force_login(user_with_role(Role.PROJECT_TEAM, username="team"))
        page = self.client.get(reverse("dashboard"))
        self.assertContains(page, "Laufende Befragungen")
        self.assertContains(page, "Testrunde")
        self.assertContains(page, "1 Antwortbogen abgeschickt")
