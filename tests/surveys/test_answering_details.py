"""Answering details LimeSurvey users expect: a step counter that does not jump, numbers that
say whether decimals are allowed, year-only and month dates, exclusive choices and a maximum
of ticks checked on the server, error texts without doubled punctuation; and the question
options travel through the JSON export and import."""

import datetime
import re

from django.test import TestCase
from django.utils import timezone

from surveys import services
from surveys.models import Answer, Choice, Question, QuestionnaireVersion
from tests.surveys.helpers import PAGE_ANSWERS, answer_page, consent, demo_version, open_round, url


def step_text(page) -> str:
    return re.search(r'id="progress-label">([^<]+)<', page.content.decode()).group(1)


class AnsweringDetailTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()
        cls.round, _open = open_round(cls.version)

    def setUp(self):
        _invitation, self.token = services.invitation_create(survey_round=self.round)
        consent(self.client, self.token)

    def page_one(self, **changes):
        return answer_page(self.client, self.token, 1, {**PAGE_ANSWERS[1], **changes})

    def test_the_step_counter_never_grows_when_a_conditional_section_appears(self):
        first = self.client.get(url("page", self.token, 1))
        # Section 3 depends on an answer on page 1: counted as a page that may come.
        self.assertEqual(step_text(first), "Schritt 1 von höchstens 6")
        self.page_one()
        self.assertEqual(step_text(self.client.get(url("page", self.token, 2))), "Schritt 2 von 6")
        self.assertEqual(step_text(self.client.get(url("page", self.token, 1))), "Schritt 1 von 6")
        # Answered "no": the section is left out, the count goes down, never up.
        self.page_one(q_q04_international="nein", q_q05_anteil="")
        self.assertEqual(step_text(self.client.get(url("page", self.token, 2))), "Schritt 2 von 5")
        answer_page(self.client, self.token, 2)
        self.assertEqual(step_text(self.client.get(url("page", self.token, 4))), "Schritt 3 von 5")

    def test_a_whole_number_question_says_so_and_refuses_decimals(self):
        page = self.client.get(url("page", self.token, 1))
        self.assertContains(page, "Bitte eine ganze Zahl von 1 bis 5000 eingeben.")
        self.assertContains(page, 'inputmode="numeric"')
        # The share of staff allows decimals and says so.
        self.assertContains(page, "Nachkommastellen sind erlaubt (z. B. 2,5).")
        reply = self.page_one(q_q02_beschaeftigte="12,5")
        self.assertContains(reply, "Bitte geben Sie eine ganze Zahl ein.", status_code=400)
        self.assertContains(reply, 'value="12,5"', status_code=400)

    def test_error_texts_have_no_doubled_punctuation(self):
        reply = self.page_one(q_q02_beschaeftigte="12,5", q_q04_international="")
        html = reply.content.decode()
        self.assertIn(
            "Wie viele Beschäftigte hat Ihr Betrieb? Bitte geben Sie eine ganze Zahl ein.", html
        )
        for doubled in ["?:", "?.", ".:", "..", "!:"]:
            summary = html[html.index('id="error-summary"') : html.index("</ul>")]
            self.assertNotIn(doubled, summary)

    def test_the_founding_date_asks_for_a_year_only(self):
        page = self.client.get(url("page", self.token, 1))
        self.assertContains(page, 'maxlength="4"')
        self.assertContains(page, "Bitte das Jahr mit vier Ziffern eingeben, z. B. 2015.")
        reply = self.page_one(q_q03_gruendung="98")
        self.assertContains(
            reply, "Bitte geben Sie ein Jahr mit vier Ziffern ein, z. B. 2015.", status_code=400
        )
        self.page_one(q_q03_gruendung=" 1987 ")
        answer = Answer.objects.get(question__code="q03_gruendung")
        self.assertEqual(answer.date, datetime.date(1987, 1, 1))
        self.assertContains(self.client.get(url("page", self.token, 1)), 'value="1987"')
        for position in (2, 3, 4, 5):
            answer_page(self.client, self.token, position)
        review = self.client.get(url("review", self.token))
        self.assertContains(review, "<dd>1987</dd>", html=True)

    def test_a_month_date_takes_the_month_picker_and_typed_months(self):
        # The consultation date asks for a day in the demo; here it asks for a month.
        Question.objects.filter(version=self.version, code="q23_termin").update(
            date_precision="month"
        )
        QuestionnaireVersion.objects.filter(pk=self.version.pk).update(
            structure_changed_at=timezone.now()
        )
        for position in (1, 2, 3, 4):
            answer_page(self.client, self.token, position)
        page = self.client.get(url("page", self.token, 5))
        self.assertContains(page, 'type="month"')
        self.assertContains(page, "Bitte Monat und Jahr eingeben, z. B. 03.2015.")
        for position in ():
            answer_page(self.client, self.token, position)
        for typed, expected in [("2026-12", (2026, 12)), ("3.2027", (2027, 3))]:
            data = {**PAGE_ANSWERS[5], "q_q23_termin": typed}
            self.assertEqual(answer_page(self.client, self.token, 5, data).status_code, 302)
            answer = Answer.objects.get(question__code="q23_termin")
            self.assertEqual(answer.date, datetime.date(*expected, 1))
        data = {**PAGE_ANSWERS[5], "q_q23_termin": "13.2027"}
        reply = answer_page(self.client, self.token, 5, data)
        self.assertContains(
            reply, "Bitte geben Sie Monat und Jahr ein, z. B. 03.2015.", status_code=400
        )

    def test_an_exclusive_choice_cannot_be_ticked_with_others(self):
        self.page_one()
        answer_page(self.client, self.token, 2)
        page = self.client.get(url("page", self.token, 3))
        self.assertContains(page, 'value="keine" data-exclusive')
        data = {**PAGE_ANSWERS[3], "q_q12_sprachfoerderung": ["kurse", "keine"]}
        reply = answer_page(self.client, self.token, 3, data)
        self.assertContains(
            reply,
            "„Bisher keine“ lässt sich nicht mit anderen Antworten verbinden.",
            status_code=400,
        )

    def test_the_maximum_of_choices_is_announced_to_the_script_and_checked_on_the_server(self):
        self.page_one()
        page = self.client.get(url("page", self.token, 2))
        self.assertContains(page, 'data-max-choices="3"')
        self.assertContains(page, "Sie können höchstens 3 Antworten wählen.")
        self.assertContains(page, 'class="survey-choice-limit')
        data = {**PAGE_ANSWERS[2], "q_q07_wege": ["anzeigen", "agentur", "empfehlung", "social"]}
        reply = answer_page(self.client, self.token, 2, data)
        self.assertContains(reply, "Bitte wählen Sie höchstens 3 Antworten.", status_code=400)


class ExportFormatTests(TestCase):
    def test_the_new_question_options_travel_through_export_and_import(self):
        version = demo_version()
        data = services.questionnaire_export(version)
        questions = {q["code"]: q for s in data["sections"] for q in s["questions"]}
        self.assertEqual(questions["q03_gruendung"]["date_precision"], "year")
        self.assertEqual(questions["q23_termin"]["date_precision"], "day")
        self.assertTrue(questions["q02_beschaeftigte"]["number_integer"])
        exclusive = [
            c["code"] for c in questions["q12_sprachfoerderung"]["choices"] if c["exclusive"]
        ]
        self.assertEqual(exclusive, ["keine"])
        copy = services.questionnaire_import(data=data)
        again = services.questionnaire_export(copy)
        self.assertEqual(again["sections"], data["sections"])
        self.assertTrue(Choice.objects.get(question__version=copy, code="nichts").exclusive)

    def test_an_older_export_without_the_options_gets_the_defaults(self):
        data = services.questionnaire_export(demo_version())
        for section in data["sections"]:
            for question in section["questions"]:
                del question["date_precision"], question["number_integer"]
                for choice in question["choices"]:
                    del choice["exclusive"]
        copy = services.questionnaire_import(data=data)
        question = Question.objects.get(version=copy, code="q03_gruendung")
        self.assertEqual(question.date_precision, "day")
        self.assertFalse(Choice.objects.filter(question__version=copy, exclusive=True).exists())

    def test_an_unknown_date_precision_is_a_clear_error(self):
        from django.core.exceptions import ValidationError

        data = services.questionnaire_export(demo_version())
        data["sections"][0]["questions"][2]["date_precision"] = "decade"
        with self.assertRaisesMessage(ValidationError, "Genauigkeit decade"):
            services.questionnaire_import(data=data)
