"""District staff break a round's results down by sector and size from the respondents' own
answers to the questionnaire's breakdown questions (Question.breakdown), in anonymous rounds
too; the team marks those questions in the builder; the mark survives export and import."""

import json

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.urls import reverse

from ikokmu.roles import Role
from surveys import demo, results, services
from surveys.models import Answer, Question, SurveyRound, TextRelease
from tests.factories import OrganizationFactory, user_with_role
from tests.surveys.helpers import demo_version
from tests.surveys.test_results_data import KNOWN, add_response, known_round

# The notice for the whole page (questions answered by fewer than five have their own).
SUPPRESSED = 'role="status">Weniger als 5 Antworten – zum Schutz der Befragten nicht angezeigt.'


def question_result(outcome, code):
    return next(q for q in outcome.questions if q.code == code)


def with_answers(base: dict, **changes) -> dict:
    return {**base, **changes}


class BreakdownTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()
        cls.team = user_with_role(Role.PROJECT_TEAM, username="team")
        # The five known respondents (3 Handwerk, 1 Handel, 1 other; 10, 20, 30, 40 and 100.5
        # employees), in an anonymous round.
        cls.round = known_round(cls.version)
        cls.staff = user_with_role(
            Role.DISTRICT_STAFF, districts=[cls.round.district], username="lra"
        )

    def page(self, survey_round=None, **params):
        self.client.force_login(self.staff)
        survey_round = survey_round or self.round
        return self.client.get(reverse("surveys:round_results", args=[survey_round.pk]), params)


class AnonymousRoundTests(BreakdownTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Two more craft businesses: five in Handwerk.
        add_response(
            cls.round, with_answers(KNOWN[0], q02_beschaeftigte=5, q04_international="nein")
        )
        add_response(cls.round, with_answers(KNOWN[1], q02_beschaeftigte=8))
        # Three more outside Handwerk: five left out of it, so Handwerk may be shown.
        for _n in range(3):
            add_response(cls.round, with_answers(KNOWN[3], q02_beschaeftigte=60))

    def test_the_anonymous_round_offers_the_choices_of_the_sector_question(self):
        page = self.page()
        self.assertContains(page, 'name="branche"')
        self.assertContains(page, '<option value="handwerk">Handwerk</option>', html=True)
        self.assertContains(
            page, '<option value="pflege">Pflege und Gesundheit</option>', html=True
        )
        self.assertContains(page, '<option value="1-9">1–9 Beschäftigte</option>', html=True)
        self.assertContains(page, "Die Auswahl beruht auf den Antworten der Befragten selbst")
        self.assertNotContains(page, "Diese Runde ist anonym")

    def test_filtering_by_the_sector_answer_counts_only_those_respondents(self):
        page = self.page(branche="handwerk")
        outcome = page.context["results"]
        self.assertEqual(outcome.total, 5)
        self.assertEqual(outcome.submitted, 10)
        branche = question_result(outcome, "q01_branche")
        counts = {row.code: row.count for row in branche.rows}
        self.assertEqual(counts["handwerk"], 5)
        self.assertEqual(counts["handel"], 0)
        # Four yes, one no: a split that would show the one (ikokmu.disclosure pools it all).
        international = question_result(outcome, "q04_international").rows
        self.assertEqual([row.count for row in international], [5])
        self.assertContains(page, "Auswahl: Handwerk – 5 Antwortbögen")
        self.assertContains(page, '<option value="handwerk" selected>Handwerk</option>', html=True)

    def test_a_sector_of_one_respondent_is_not_shown(self):
        page = self.page(branche="industrie")
        self.assertEqual(page.context["results"].total, 0)
        self.assertContains(page, SUPPRESSED)
        self.assertNotContains(page, "<svg")

    def test_an_unknown_value_is_ignored(self):
        page = self.page(branche="C", groesse="riesig")
        self.assertFalse(page.context["filters"].active)
        self.assertEqual(page.context["results"].total, 10)

    def test_sector_and_size_together(self):
        # Handwerk with 1–9 employees: the two added ones only, too few.
        outcome = self.page(branche="handwerk", groesse="1-9").context["results"]
        self.assertEqual(outcome.total, 2)
        self.assertTrue(outcome.suppressed)


class SizeClassTests(BreakdownTestCase):
    def test_the_size_classes_come_from_the_number_of_employees(self):
        # 10, 20, 30, 40: four in 10–49 (not shown); 100.5 in 50–249.
        page = self.page(groesse="10-49")
        self.assertEqual(page.context["results"].total, 4)
        self.assertContains(page, SUPPRESSED)
        self.assertEqual(self.page(groesse="50-249").context["results"].total, 1)
        self.assertEqual(self.page(groesse="1-9").context["results"].total, 0)
        # The bounds: 49 is still small, 250 already large, 9 micro.
        add_response(self.round, with_answers(KNOWN[0], q02_beschaeftigte=49))
        add_response(self.round, with_answers(KNOWN[0], q02_beschaeftigte=250))
        add_response(self.round, with_answers(KNOWN[0], q02_beschaeftigte=9))
        for employees in (300, 400):  # five outside 10–49, so 10–49 may be shown
            add_response(self.round, with_answers(KNOWN[0], q02_beschaeftigte=employees))
        page = self.page(groesse="10-49")
        self.assertEqual(page.context["results"].total, 5)
        self.assertNotContains(page, SUPPRESSED)
        self.assertContains(page, "Auswahl: 10–49 Beschäftigte – 5 Antwortbögen")
        number = question_result(page.context["results"], "q02_beschaeftigte")
        self.assertEqual(sum(row.count for row in number.rows), 5)
        self.assertEqual(self.page(groesse="250+").context["results"].total, 3)
        self.assertEqual(self.page(groesse="1-9").context["results"].total, 1)

    def test_a_single_choice_size_question_offers_its_choices(self):
        version = demo_version()
        Question.objects.filter(version=version, code="q02_beschaeftigte").update(breakdown="")
        # Any single choice question may be the size question; here the sector one.
        Question.objects.filter(version=version, code="q01_branche").update(breakdown="size")
        survey_round = known_round(version, self.round.district)
        breakdown = results.breakdown_of(survey_round)
        self.assertEqual(breakdown.sector, [])
        self.assertEqual(
            [option.value for option in breakdown.size],
            list(
                Question.objects.get(version=version, code="q01_branche")
                .choices.order_by("position")
                .values_list("code", flat=True)
            ),
        )
        page = self.page(survey_round, groesse="handwerk")
        self.assertEqual(page.context["results"].total, 3)
        self.assertNotContains(page, 'name="branche"')


class FourOrFiveTests(BreakdownTestCase):
    def test_four_in_the_filtered_group_are_not_shown_five_are(self):
        # Three Handwerk among the known five; one more makes four, another five. Three more
        # Handel make five outside Handwerk (see RestOfTheRoundTests).
        for _n in range(3):
            add_response(self.round, KNOWN[3])
        add_response(self.round, KNOWN[0])
        # The round is anonymous: staff read the texts the team released.
        for answer in Answer.objects.filter(text="Mehr Sprachkurse vor Ort"):
            TextRelease.objects.create(answer=answer)
        page = self.page(branche="handwerk")
        self.assertEqual(page.context["results"].total, 4)
        self.assertContains(page, SUPPRESSED)
        self.assertNotContains(page, "Mehr Sprachkurse vor Ort")
        add_response(self.round, KNOWN[0])
        page = self.page(branche="handwerk")
        self.assertEqual(page.context["results"].total, 5)
        self.assertNotContains(page, SUPPRESSED)
        self.assertContains(page, "Mehr Sprachkurse vor Ort")

    def test_the_district_report_takes_the_same_breakdown(self):
        response = self.page()  # logs in
        self.assertEqual(response.status_code, 200)
        reply = self.client.get(
            reverse("surveys:round_report", args=[self.round.pk]), {"branche": "handwerk"}
        )
        self.assertEqual(reply.status_code, 200)
        self.assertEqual(reply["Content-Type"], "application/pdf")


class RestOfTheRoundTests(BreakdownTestCase):
    """A selection is shown only if what it leaves out is nobody or at least five: whoever sees
    the whole round and a selection of nearly all could subtract one from the other."""

    REST = "Diese Auswahl lässt weniger als 5 Antwortbögen aus"

    def test_a_selection_of_all_but_two_is_not_shown(self):
        for _n in range(2):  # five Handwerk; a Handel and an other business outside it
            add_response(self.round, KNOWN[0])
        page = self.page(branche="handwerk")
        outcome = page.context["results"]
        self.assertEqual((outcome.total, outcome.submitted), (5, 7))
        self.assertTrue(outcome.suppressed)
        self.assertContains(page, self.REST)
        self.assertNotContains(page, "<svg")
        self.assertNotContains(page, "Handwerk – 5")  # no count of a hidden selection

    def test_a_selection_of_everyone_is_shown(self):
        # All five answered the size question with a number: "any size" leaves out nobody.
        page = self.page(groesse="10-49")
        self.assertTrue(page.context["results"].suppressed)  # four of five: too few
        for employees in (11, 12, 13, 14, 15):
            add_response(self.round, with_answers(KNOWN[0], q02_beschaeftigte=employees))
        outcome = self.page(groesse="10-49").context["results"]
        self.assertEqual((outcome.total, outcome.submitted), (9, 10))
        self.assertTrue(outcome.rest_too_small)  # the one with 100.5 employees

    def test_two_filters_are_checked_against_each_one_alone(self):
        # 5 Handwerk with 10–49 employees and 5 others, but Handwerk alone has 7: the two
        # Handwerk of another size would show as the difference.
        for employees in (11, 12):
            add_response(self.round, with_answers(KNOWN[0], q02_beschaeftigte=employees))
        for employees in (1, 2):
            add_response(self.round, with_answers(KNOWN[0], q02_beschaeftigte=employees))
        for _n in range(5):
            add_response(self.round, with_answers(KNOWN[3], q02_beschaeftigte=20))
        outcome = self.page(branche="handwerk", groesse="10-49").context["results"]
        self.assertEqual(outcome.total, 5)
        self.assertTrue(outcome.rest_too_small)


class PersonalisedRoundTests(TestCase):
    def test_a_personalised_round_is_broken_down_by_the_answers_not_the_organisation(self):
        version = demo_version()
        team = user_with_role(Role.PROJECT_TEAM, username="team")
        survey_round = known_round(version, anonymity=SurveyRound.Anonymity.PERSONALISED)
        for answers in KNOWN[:2]:
            # Organisations registered as trade (G), answering Handwerk.
            organization = OrganizationFactory(district=survey_round.district, sector="G")
            add_response(survey_round, answers, organization=organization)
        self.client.force_login(team)
        url = reverse("surveys:round_results", args=[survey_round.pk])
        page = self.client.get(url, {"branche": "handwerk"})
        self.assertEqual(page.context["results"].total, 5)
        self.assertNotContains(page, "Branche (WZ 2008)")
        # The organisation's sector is no filter here.
        self.assertEqual(self.client.get(url, {"branche": "G"}).context["results"].total, 7)


class NoBreakdownQuestionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()
        Question.objects.filter(version=cls.version).update(breakdown="")
        cls.team = user_with_role(Role.PROJECT_TEAM, username="team")

    def test_without_breakdown_questions_an_anonymous_round_has_no_filters(self):
        survey_round = known_round(self.version)
        self.client.force_login(self.team)
        page = self.client.get(
            reverse("surveys:round_results", args=[survey_round.pk]), {"branche": "handwerk"}
        )
        self.assertNotContains(page, 'name="branche"')
        self.assertNotContains(page, 'name="groesse"')
        self.assertContains(page, "Diese Runde ist anonym")
        self.assertEqual(page.context["results"].total, 5)

    def test_without_breakdown_questions_a_personalised_round_keeps_the_organisation_filters(self):
        survey_round = known_round(self.version, anonymity=SurveyRound.Anonymity.PERSONALISED)
        self.client.force_login(self.team)
        page = self.client.get(reverse("surveys:round_results", args=[survey_round.pk]))
        self.assertContains(page, "Branche (WZ 2008)")
        self.assertContains(page, '<option value="C">', html=False)


class BuilderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()
        cls.team = user_with_role(Role.PROJECT_TEAM, username="team")

    def setUp(self):
        self.client.force_login(self.team)
        self.section = self.version.sections.get(position=1)
        self.create_url = reverse(
            "surveys:question_create", args=[self.version.pk, self.section.pk]
        )

    def test_size_on_a_text_question_is_refused_in_german(self):
        page = self.client.post(
            self.create_url,
            {
                "code": "q26_groesse",
                "type": "short_text",
                "display": "radio",
                "text_de": "Wie groß ist Ihr Betrieb?",
                "breakdown": "size",
            },
        )
        self.assertEqual(page.status_code, 200)
        self.assertContains(
            page,
            "Nach Betriebsgröße lässt sich nur mit einer Zahl (Beschäftigte) oder einer "
            "Einfachauswahl auswerten.",
        )
        self.assertContains(page, 'value="Wie groß ist Ihr Betrieb?"')
        self.assertFalse(self.version.questions.filter(code="q26_groesse").exists())

    def test_sector_on_a_number_question_is_refused_in_german(self):
        page = self.client.post(
            self.create_url,
            {
                "code": "q26_zahl",
                "type": "number",
                "display": "radio",
                "text_de": "Zahl?",
                "breakdown": "sector",
            },
        )
        self.assertContains(page, "Nach Branche lässt sich nur mit einer Einfachauswahl auswerten.")

    def test_a_second_sector_question_is_refused(self):
        page = self.client.post(
            self.create_url,
            {
                "code": "q26_branche",
                "type": "single_choice",
                "display": "radio",
                "text_de": "Noch eine Branche?",
                "choices_text": "a | A\nb | B",
                "breakdown": "sector",
            },
        )
        self.assertContains(page, "schon für diese Auswertung vorgesehen")
        self.assertFalse(self.version.questions.filter(code="q26_branche").exists())

    def test_the_edit_form_shows_the_mark(self):
        question = self.version.questions.get(code="q02_beschaeftigte")
        page = self.client.get(
            reverse("surveys:question_edit", args=[self.version.pk, question.pk])
        )
        self.assertContains(page, "Auswertung nach")
        self.assertContains(page, '<option value="size" selected>Betriebsgröße</option>', html=True)

    def test_the_database_refuses_a_breakdown_that_does_not_fit(self):
        with transaction.atomic(), self.assertRaises(IntegrityError):
            Question.objects.filter(version=self.version, code="q25_anmerkungen").update(
                breakdown="size"
            )
        with transaction.atomic(), self.assertRaises(IntegrityError):
            Question.objects.filter(version=self.version, code="q04_international").update(
                breakdown="sector"
            )


class ExportImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()

    def marks(self, version) -> dict:
        return dict(version.questions.exclude(breakdown="").values_list("code", "breakdown"))

    def test_the_json_round_trip_keeps_the_breakdown(self):
        self.assertEqual(
            self.marks(self.version), {"q01_branche": "sector", "q02_beschaeftigte": "size"}
        )
        exported = services.questionnaire_export(self.version)
        copy = services.questionnaire_import(data=json.loads(json.dumps(exported)))
        self.assertEqual(self.marks(copy), self.marks(self.version))
        self.assertEqual(services.questionnaire_export(copy), exported)

    def test_an_older_export_without_breakdown_imports(self):
        exported = services.questionnaire_export(self.version)
        for section in exported["sections"]:
            for question in section["questions"]:
                del question["breakdown"]
        copy = services.questionnaire_import(data=exported)
        self.assertEqual(self.marks(copy), {})

    def test_a_breakdown_that_does_not_fit_is_refused_with_a_message(self):
        exported = services.questionnaire_export(self.version)
        exported["sections"][0]["questions"][2]["breakdown"] = "sector"  # the date question
        with self.assertRaisesMessage(ValidationError, "passt nicht zum Fragetyp"):
            services.questionnaire_import(data=exported)


class DemoMarkTests(TestCase):
    def test_the_demo_seed_marks_an_existing_frozen_version_once(self):
        version = demo_version()
        known_round(version)  # responses freeze the version
        Question.objects.filter(version=version).update(breakdown="")
        demo._mark_breakdowns(version.questionnaire)
        marks = dict(version.questions.exclude(breakdown="").values_list("code", "breakdown"))
        self.assertEqual(marks, {"q01_branche": "sector", "q02_beschaeftigte": "size"})
        demo._mark_breakdowns(version.questionnaire)  # again: nothing changes, no error
        self.assertEqual(version.questions.exclude(breakdown="").count(), 2)
