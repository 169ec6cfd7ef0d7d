"""District staff and the team read a round's results (design.md flow 1): counts, percentages,
means and medians against a known data set, the small-group rule, filters, hidden free texts,
needs adopted into the district, and the comparison of districts."""

import datetime

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import FieldOfAction
from districts.models import Need
from ikokmu.roles import Role
from surveys import results
from surveys.models import Answer, HiddenText, Question, SurveyRound
from tests.factories import DistrictFactory, OrganizationFactory, user_with_role
from tests.surveys.helpers import demo_version, open_round
from tests.surveys.test_results_data import KNOWN, add_response, known_round

SUPPRESSED = "zum Schutz der Befragten nicht angezeigt"


def question_result(outcome, code):
    return next(q for q in outcome.questions if q.code == code)


class ResultsTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()
        cls.district = DistrictFactory(name="Landkreis Miesbach")
        cls.round = known_round(cls.version, cls.district)
        cls.team = user_with_role(Role.PROJECT_TEAM, username="team")
        cls.staff = user_with_role(Role.DISTRICT_STAFF, districts=[cls.district], username="lra")
        cls.other_staff = user_with_role(
            Role.DISTRICT_STAFF, districts=[DistrictFactory()], username="nachbar"
        )

    def page(self, user=None, **params):
        self.client.force_login(user or self.staff)
        return self.client.get(reverse("surveys:round_results", args=[self.round.pk]), params)


class KnownFiguresTests(ResultsTestCase):
    """The known figures, each response five times (`known`): every count times five, so the
    disclosure rules (test_disclosure) leave them as counted; `round` has them once."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.known = known_round(cls.version, cls.district, copies=5)

    def test_choice_counts_and_percentages(self):
        outcome = results.round_results(self.known)
        self.assertEqual(outcome.total, 25)
        branche = question_result(outcome, "q01_branche")
        counts = {row.code: (row.count, round(row.percent)) for row in branche.rows}
        self.assertEqual(counts["handwerk"], (15, 60))
        self.assertEqual(counts["handel"], (5, 20))
        self.assertEqual(counts["other"], (5, 20))
        self.assertEqual(counts["pflege"], (0, 0))
        self.assertEqual([t.text for t in branche.texts], ["Bäckerei"] * 5)

    def test_multiple_choice_percentages_are_of_those_who_answered(self):
        wege = question_result(results.round_results(self.known), "q07_wege")
        counts = {row.code: (row.count, round(row.percent)) for row in wege.rows}
        self.assertEqual(counts["anzeigen"], (15, 60))
        self.assertEqual(counts["agentur"], (10, 40))
        self.assertEqual(counts["social"], (5, 20))
        self.assertEqual(counts["other"], (5, 20))
        self.assertEqual([t.text for t in wege.texts], ["Messe"] * 5)

    def test_rating_mean_and_median_without_dont_know(self):
        rating = question_result(results.round_results(self.known), "q08_bedeutung")
        self.assertEqual(rating.answered, 25)
        self.assertEqual(rating.dont_know, 5)
        self.assertEqual(rating.mean, "3,75")
        self.assertEqual(rating.median, "4")
        counts = {row.code: row.count for row in rating.rows}
        self.assertEqual(counts, {"1": 0, "2": 5, "3": 0, "4": 10, "5": 5, "dont_know": 5})

    def test_number_mean_median_and_bins(self):
        number = question_result(results.round_results(self.known), "q02_beschaeftigte")
        self.assertEqual((number.mean, number.median), ("40,1", "30"))
        self.assertEqual(sum(row.count for row in number.rows), 25)
        # An eighth of the range (100.5 - 10) / 8 = 11.3, rounded up to the round width 20,
        # from a multiple of 20: bins end on round numbers, never on 10 or 100.5 themselves.
        self.assertEqual(
            [(row.label, row.count) for row in number.rows],
            [
                ("0–19", 5),
                ("20–39", 10),
                ("40–59", 5),
                ("60–79", 0),
                ("80–99", 0),
                ("100–119", 5),
            ],
        )

    def test_number_bins_do_not_name_the_largest_employer(self):
        survey_round, _token = open_round(self.version)
        for employees in (10, 20, 30, 40, 810, 15, 25, 35, 45, 820):
            add_response(survey_round, {**KNOWN[0], "q02_beschaeftigte": employees})
        number = question_result(results.round_results(survey_round), "q02_beschaeftigte")
        # Bins of 100: 8 in 0–99, 2 in 800–899: the two largest join the bins below them.
        self.assertEqual([(row.label, row.count) for row in number.rows], [("alle", 10)])
        add_response(survey_round, {**KNOWN[0], "q02_beschaeftigte": 850})
        for employees in (510, 520):
            add_response(survey_round, {**KNOWN[0], "q02_beschaeftigte": employees})
        number = question_result(results.round_results(survey_round), "q02_beschaeftigte")
        # Bins of 200: 8 | 0 | 2 | 0 | 3: the top three bins make five.
        self.assertEqual(
            [(row.label, row.count) for row in number.rows],
            [("0–199", 8), ("200–399", 0), ("≥ 400", 5)],
        )

    def test_matrix_rows_below_five_answers_are_not_shown(self):
        matrix = question_result(results.round_results(self.known), "q11_bedarf")
        items = {item.code: item for item in matrix.items}
        self.assertFalse(items["deutsch"].suppressed)
        self.assertEqual(items["deutsch"].mean, "4,25")
        self.assertEqual(items["deutsch"].median, "4,5")
        self.assertEqual(items["deutsch"].dont_know, 5)
        matrix = question_result(results.round_results(self.round), "q11_bedarf")
        items = {item.code: item for item in matrix.items}
        self.assertTrue(items["einarbeitung"].suppressed)
        self.assertEqual(items["einarbeitung"].rows, [])
        # Four numbers and a "weiß nicht": five answered, too few for a mean.
        self.assertEqual(items["deutsch"].mean, "–")
        self.assertIn("<svg", matrix.chart)

    def test_dates_by_year_over_a_span_of_years(self):
        date = question_result(results.round_results(self.known), "q03_gruendung")
        rows = [(row.label, row.count) for row in date.rows]
        self.assertEqual(len(rows), 13)  # 1998 to 2010, the empty years too
        self.assertEqual((rows[0], rows[7], rows[12]), (("1998", 10), ("2005", 5), ("2010", 10)))
        self.assertEqual(sum(count for _label, count in rows), 25)

    def test_dates_by_month_within_two_years(self):
        survey_round, _token = open_round(self.version)
        days = ["2025-01-10", "2025-01-11", "2025-01-12", "2025-02-14"]
        days += ["2025-03-01", "2025-03-02", "2025-03-03"]
        for day in days * 2:
            add_response(survey_round, {"q03_gruendung": datetime.date.fromisoformat(day)})
        date = question_result(results.round_results(survey_round), "q03_gruendung")
        # February's two join March: no month of fewer than five is shown.
        self.assertEqual(
            [(row.label, row.count) for row in date.rows],
            [("Jan. 2025", 6), ("ab Feb. 2025", 8)],
        )

    def test_a_question_fewer_than_five_answered_is_not_shown(self):
        outcome = results.round_results(self.round)
        yes_no = question_result(outcome, "q04_international")
        self.assertEqual(yes_no.answered, 4)
        self.assertTrue(yes_no.suppressed)
        self.assertEqual(yes_no.rows, [])
        self.assertEqual(yes_no.chart, "")

    def test_the_page_shows_charts_in_german(self):
        self.client.force_login(self.team)
        page = self.client.get(reverse("surveys:round_results", args=[self.known.pk]))
        self.assertContains(page, "In welcher Branche ist Ihr Betrieb tätig?")
        self.assertContains(page, 'role="img"')
        self.assertContains(page, "Handwerk")
        self.assertContains(page, "60 % (15)")
        self.assertContains(page, "Mittelwert")
        self.assertContains(page, "Mehr Sprachkurse vor Ort")
        self.assertContains(page, "Bedarfsprofil nach Handlungsfeldern")
        # The largest number of employees would point at one known firm: only ranges are shown.
        self.assertContains(page, "Bedarfsprofil als Tabelle")  # the chart's numbers, readable
        self.assertNotContains(page, "größter Wert")
        self.assertNotContains(page, "100,5")


class SmallGroupTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()
        cls.team = user_with_role(Role.PROJECT_TEAM, username="team")

    def test_four_responses_show_nothing_five_show_the_results(self):
        survey_round = known_round(self.version, count=4)
        self.client.force_login(self.team)
        url = reverse("surveys:round_results", args=[survey_round.pk])
        page = self.client.get(url)
        self.assertContains(page, SUPPRESSED)
        self.assertNotContains(page, "Handwerk")
        self.assertNotContains(page, "Mehr Sprachkurse vor Ort")
        self.assertNotContains(page, "<svg")
        add_response(survey_round, KNOWN[4])
        page = self.client.get(url)
        self.assertContains(page, "Handwerk")
        self.assertContains(page, "<svg")

    def test_responses_not_yet_submitted_do_not_count(self):
        survey_round = known_round(self.version, count=4)
        add_response(survey_round, KNOWN[4], submitted=False)
        self.assertTrue(results.round_results(survey_round).suppressed)


class FilterTests(TestCase):
    """Filters by the invited organisation: a version without breakdown questions (those are
    tested in test_results_breakdown)."""

    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()
        Question.objects.filter(version=cls.version).update(breakdown="")
        cls.team = user_with_role(Role.PROJECT_TEAM, username="team")
        cls.round = known_round(cls.version, anonymity=SurveyRound.Anonymity.PERSONALISED)
        district = cls.round.district
        # Three more from the construction sector (F): a group below five.
        for answers in KNOWN[:3]:
            organization = OrganizationFactory(district=district, sector="F", size_class="1-9")
            add_response(cls.round, answers, organization=organization)
        # Two from trade (G): five outside C and five outside 10–49, so the sector C and the
        # size class 10–49 leave out enough that subtracting them from the whole shows nobody.
        for answers in KNOWN[3:5]:
            organization = OrganizationFactory(district=district, sector="G", size_class="50-249")
            add_response(cls.round, answers, organization=organization)

    def page(self, **params):
        self.client.force_login(self.team)
        return self.client.get(reverse("surveys:round_results", args=[self.round.pk]), params)

    def test_the_whole_round_and_a_sector_of_five_are_shown(self):
        self.assertEqual(results.round_results(self.round).total, 10)
        page = self.page(branche="C")
        self.assertContains(page, "Handwerk")
        self.assertEqual(page.context["results"].total, 5)

    def test_a_sector_below_five_is_not_shown(self):
        page = self.page(branche="F")
        self.assertEqual(page.context["results"].total, 3)
        self.assertContains(page, SUPPRESSED)
        self.assertNotContains(page, "60 % (3)")

    def test_size_class_filter(self):
        page = self.page(groesse="1-9")
        self.assertContains(page, SUPPRESSED)
        page = self.page(groesse="10-49")
        self.assertEqual(page.context["results"].total, 5)

    def test_an_unknown_filter_value_is_ignored(self):
        page = self.page(branche="ZZ")
        self.assertEqual(page.context["results"].total, 10)

    def test_anonymous_rounds_offer_no_filter_and_say_why(self):
        anonymous = known_round(self.version)
        self.client.force_login(self.team)
        page = self.client.get(
            reverse("surveys:round_results", args=[anonymous.pk]), {"branche": "F"}
        )
        self.assertContains(page, "Diese Runde ist anonym")
        self.assertNotContains(page, 'name="branche"')
        self.assertEqual(page.context["results"].total, 5)


class AccessTests(ResultsTestCase):
    def test_staff_of_another_district_get_not_found(self):
        self.assertEqual(self.page(self.other_staff).status_code, 404)
        self.client.force_login(self.other_staff)
        for name in ["round_report", "round_export_xlsx", "round_export_csv", "round_export_sav"]:
            with self.subTest(name):
                reply = self.client.get(reverse(f"surveys:{name}", args=[self.round.pk]))
                self.assertEqual(reply.status_code, 404)

    def test_staff_may_not_hide_texts_or_adopt_needs(self):
        self.client.force_login(self.staff)
        answer = Answer.objects.filter(response__round=self.round, text__startswith="Unang").get()
        reply = self.client.post(reverse("surveys:answer_hide", args=[answer.pk]))
        self.assertEqual(reply.status_code, 403)
        reply = self.client.post(reverse("surveys:round_needs_adopt", args=[self.round.pk]))
        self.assertEqual(reply.status_code, 403)
        self.assertFalse(HiddenText.objects.exists())
        self.assertNotContains(self.page(), "ausblenden")


class HiddenTextTests(ResultsTestCase):
    def test_the_team_hides_an_inappropriate_text(self):
        answer = Answer.objects.filter(response__round=self.round, text__startswith="Unang").get()
        self.assertContains(self.page(self.team), "Unangemessener Kommentar")
        reply = self.client.post(
            reverse("surveys:answer_hide", args=[answer.pk]), {"action": "hide"}
        )
        self.assertEqual(reply.status_code, 302)
        self.assertTrue(HiddenText.objects.filter(answer=answer, hidden_by=self.team).exists())
        page = self.page(self.team)
        self.assertNotContains(page, "Unangemessener Kommentar")
        self.assertContains(page, "1 Antwort ausgeblendet")
        self.assertNotContains(self.page(self.staff), "Unangemessener Kommentar")
        self.client.force_login(self.team)
        listing = self.client.get(reverse("surveys:round_hidden_texts", args=[self.round.pk]))
        self.assertContains(listing, "Unangemessener Kommentar")
        self.client.post(reverse("surveys:answer_hide", args=[answer.pk]), {"action": "show"})
        self.assertContains(self.page(self.team), "Unangemessener Kommentar")


class NeedsAdoptTests(ResultsTestCase):
    def test_the_team_turns_the_strongest_needs_into_district_needs_once(self):
        outcome = results.round_results(self.round)
        strongest = [row.field_id for row in outcome.profile.rows[:2]]
        self.assertTrue(strongest)
        self.client.force_login(self.team)
        url = reverse("surveys:round_needs_adopt", args=[self.round.pk])
        reply = self.client.post(url, {"field": [str(pk) for pk in strongest]})
        self.assertEqual(reply.status_code, 302)
        needs = Need.objects.filter(district=self.district, source=Need.Source.SURVEY)
        self.assertEqual(
            sorted(needs.values_list("field_of_action_id", flat=True)), sorted(strongest)
        )
        self.assertEqual(needs.get(field_of_action_id=strongest[0]).priority, Need.Priority.HIGH)
        # Again, with the default top three: only the third field is new.
        self.client.post(url, {"count": "3"})
        self.assertEqual(needs.count(), min(3, len(outcome.profile.rows)))
        self.client.post(url, {"count": "3"})
        self.assertEqual(needs.count(), min(3, len(outcome.profile.rows)))

    def test_an_existing_need_of_the_same_field_is_not_duplicated(self):
        outcome = results.round_results(self.round)
        top = FieldOfAction.objects.get(pk=outcome.profile.rows[0].field_id)
        Need.objects.create(
            district=self.district,
            field_of_action=top,
            description="Aus dem Gespräch",
            source=Need.Source.TALK,
        )
        self.client.force_login(self.team)
        self.client.post(
            reverse("surveys:round_needs_adopt", args=[self.round.pk]), {"field": [top.pk]}
        )
        self.assertEqual(
            Need.objects.filter(district=self.district, field_of_action=top).count(), 1
        )


class QueryCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()
        cls.team = user_with_role(Role.PROJECT_TEAM, username="team")

    def queries_for(self, survey_round) -> int:
        self.client.force_login(self.team)
        url = reverse("surveys:round_results", args=[survey_round.pk])
        self.client.get(url)  # the version's structure is cached from here on
        with CaptureQueriesContext(connection) as captured:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(captured)

    def test_the_results_page_runs_a_constant_number_of_queries(self):
        small = known_round(self.version)
        large = known_round(self.version)
        for answers in KNOWN * 3:
            add_response(large, answers)
        count = self.queries_for(small)
        self.assertEqual(count, self.queries_for(large))
        self.client.force_login(self.team)
        with self.assertNumQueries(count):
            self.client.get(reverse("surveys:round_results", args=[large.pk]))


class ComparisonTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()
        cls.districts = [
            DistrictFactory(name=name)
            for name in ["Landkreis Aham", "Landkreis Bebing", "Landkreis Cestadt"]
        ]
        for district in cls.districts:
            known_round(cls.version, district)
        cls.small = DistrictFactory(name="Landkreis Dorfklein")
        known_round(cls.version, cls.small, count=2)
        cls.team = user_with_role(Role.PROJECT_TEAM, username="team")
        cls.staff = user_with_role(
            Role.DISTRICT_STAFF, districts=[cls.districts[0]], username="lra"
        )

    def test_the_team_sees_the_districts_side_by_side(self):
        self.client.force_login(self.team)
        page = self.client.get(reverse("surveys:district_comparison"))
        for name in ["Landkreis Aham", "Landkreis Bebing", "Landkreis Cestadt"]:
            self.assertContains(page, name)
        self.assertContains(page, "Landkreis Dorfklein")
        self.assertContains(page, "weniger als 5 Antworten")
        self.assertEqual(page.context["comparison"].contributing, 3)

    def test_staff_see_their_district_against_the_average_and_no_other_name(self):
        self.client.force_login(self.staff)
        page = self.client.get(reverse("surveys:district_comparison"))
        self.assertContains(page, "Landkreis Aham")
        self.assertContains(page, "Durchschnitt aller Landkreise")
        for name in ["Landkreis Bebing", "Landkreis Cestadt", "Landkreis Dorfklein"]:
            self.assertNotContains(page, name)

    def test_staff_of_two_districts_get_no_average_that_one_other_district_makes_up(self):
        # Aham and Bebing by name, and the average of three: Cestadt would be 3 × average
        # minus the two.
        staff = user_with_role(
            Role.DISTRICT_STAFF, districts=self.districts[:2], username="lra-zwei"
        )
        self.client.force_login(staff)
        page = self.client.get(reverse("surveys:district_comparison"))
        self.assertIsNone(page.context["comparison"].average)
        self.assertContains(page, "davon mindestens zwei, die Sie hier nicht sehen")
        self.assertNotContains(page, "Landkreis Cestadt")
