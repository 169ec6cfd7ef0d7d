"""Disclosure control in every output (issue 12 point 2): a data set built to be dangerous (the
district's largest employer, a lone business of its sector, a single "Sonstiges" with its text),
read by district staff on the results page, in the district report PDF and in the CSV, XLSX and
SPSS exports of an anonymous round; the team reviews and releases free texts and exports the
full data; personalised rounds keep their full data."""

import csv
import datetime
import io
import re
import shutil
import tempfile

import openpyxl
import pyreadstat
import pytest
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from ikokmu import disclosure
from ikokmu.models import AuditEvent
from ikokmu.roles import Role
from surveys.models import Answer, SurveyRound, TextRelease
from tests.factories import DistrictFactory, OrganizationFactory, user_with_role
from tests.surveys.helpers import demo_version, open_round
from tests.surveys.test_district_report import pdf_text
from tests.surveys.test_results_data import add_response

LARGEST_EMPLOYER = 480
LONE_SECTOR = "pflege"  # "Pflege und Gesundheit": one business only
OTHER_TEXT = "Landwirtschaft"
SECRET_REMARK = "Unser Chef Alois Huber sucht Fahrer"


def dangerous_answers() -> list[dict]:
    """Thirteen businesses: six crafts, five trade, one care home (the lone sector) and one farm
    that ticked "Sonstiges" and wrote "Landwirtschaft"; one of the crafts firms employs 480,
    all others 30 to 320; one was founded in 1921, the others from 1987 on."""
    answers = []
    employees = [30, 60, 110, 120, 130, 140, 150, 210, 220, 230, 310, 320, LARGEST_EMPLOYER]
    sectors = ["handwerk"] * 5 + ["handel"] * 5 + [LONE_SECTOR, ("other", OTHER_TEXT), "handwerk"]
    for index, (sector, staff) in enumerate(zip(sectors, employees, strict=True)):
        founded = datetime.date(1921 if index == 0 else 1985 + 2 * index, 3, 1)
        answers.append(
            {
                "q01_branche": sector,
                "q02_beschaeftigte": staff,
                "q03_gruendung": founded,
                "q04_international": "ja" if index < 11 else "nein",
                "q07_wege": ["anzeigen", "social"] if index else ["anzeigen", "agentur"],
                "q08_bedeutung": 4 if index % 3 else 5,
                "q25_anmerkungen": SECRET_REMARK if index == 12 else "",
            }
        )
    return answers


def counts_shown(html: str) -> list[str]:
    """Every count the page prints: table cells after a row label, "n=…" under columns and
    "(…)" after the percent of a bar."""
    found = re.findall(r'<th scope="row">[^<]*</th><td>([^<]*)</td>', html)
    found += re.findall(r"n=(\d+)<", html)
    found += re.findall(r"% \((\d+)\)<", html)
    return found


def body(reply) -> bytes:
    if getattr(reply, "streaming", False):
        return b"".join(reply.streaming_content)
    return reply.content


class DisclosureTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()
        cls.district = DistrictFactory(name="Landkreis Miesbach")
        cls.round, _token = open_round(cls.version, district=cls.district)
        for answers in dangerous_answers():
            add_response(cls.round, answers)
        cls.team = user_with_role(Role.PROJECT_TEAM, username="team")
        cls.staff = user_with_role(Role.DISTRICT_STAFF, districts=[cls.district], username="lra")
        cls.other_text = Answer.objects.get(response__round=cls.round, text=OTHER_TEXT)
        cls.remark = Answer.objects.get(response__round=cls.round, text=SECRET_REMARK)

    def get(self, name, user, survey_round=None, **params):
        self.client.force_login(user)
        reply = self.client.get(
            reverse(f"surveys:{name}", args=[(survey_round or self.round).pk]), params
        )
        self.assertEqual(reply.status_code, 200)
        return reply

    def page(self, user=None, **params):
        return self.get("round_results", user or self.staff, **params)

    def question(self, reply, code):
        return next(q for q in reply.context["results"].questions if q.code == code)


class ResultsPageTests(DisclosureTestCase):
    def test_staff_see_no_cell_below_five_on_the_results_page(self):
        reply = self.page()
        html = reply.content.decode()
        shown = counts_shown(html)
        self.assertTrue(shown)
        for count in shown:
            self.assertTrue(count in ("0", "&lt; 5") or int(count) >= 5, (count, shown))

    def test_the_largest_employer_disappears_in_the_top_bin(self):
        reply = self.page()
        employees = self.question(reply, "q02_beschaeftigte")
        labels = [row.label for row in employees.rows]
        self.assertTrue(labels[-1].startswith("≥ "), labels)
        self.assertTrue(labels[0].startswith("bis "), labels)
        self.assertTrue(all(row.count >= 5 for row in employees.rows), employees.rows)
        # Bins of 100: 2 | 5 | 3 | 2 | 1 answers, merged into "bis 199" and "≥ 200".
        self.assertEqual(
            [(row.label, row.count) for row in employees.rows], [("bis 199", 7), ("≥ 200", 6)]
        )
        self.assertNotContains(reply, "480")
        self.assertNotContains(reply, "400–499")
        self.assertEqual(employees.median, "150")

    def test_an_extreme_median_is_not_shown(self):
        survey_round, _token = open_round(self.version, district=self.district)
        for staff in (10, 10, 10, 10, 900):
            add_response(survey_round, {"q02_beschaeftigte": staff})
        reply = self.get("round_results", self.staff, survey_round)
        employees = self.question(reply, "q02_beschaeftigte")
        self.assertEqual(employees.median, "–")  # 10 is the smallest answer
        self.assertEqual(employees.mean, "188")

    def test_founding_dates_are_merged_from_the_ends(self):
        dates = self.question(self.page(), "q03_gruendung")
        # 1921 alone, then 1987 to 2009 by decade: 1 | 0 … 0 | 2 | 5 | 5.
        self.assertEqual(
            [(row.label, row.count) for row in dates.rows], [("bis 1999", 8), ("2000–2009", 5)]
        )

    def test_the_lone_sector_and_the_single_other_are_pooled_into_weitere(self):
        reply = self.page()
        sector = self.question(reply, "q01_branche")
        rows = {row.code: row for row in sector.rows}
        self.assertEqual(rows["handwerk"].count, 6)
        self.assertNotIn(LONE_SECTOR, rows)
        self.assertNotIn("other", rows)
        # The two small ones (1 + 1) are still fewer than five, and the total minus Handwerk
        # would give them away: the smallest other (Handel, 5) joins them.
        self.assertNotIn("handel", rows)
        self.assertEqual(rows["weitere"].count, 7)
        self.assertEqual(
            rows["weitere"].label, "weitere (Handel, Pflege und Gesundheit, Sonstiges)"
        )
        self.assertContains(reply, "weitere (Handel, Pflege und Gesundheit, Sonstiges)")
        # Yes 11, no 2: no split can be shown.
        international = self.question(reply, "q04_international")
        self.assertEqual([row.count for row in international.rows], [13])
        self.assertIn(
            "Aufteilung zum Schutz der Befragten nicht gezeigt", international.rows[0].label
        )

    def test_small_ticks_of_a_multiple_choice_are_shown_as_fewer_than_five(self):
        reply = self.page()
        ways = self.question(reply, "q07_wege")
        rows = {row.code: row for row in ways.rows}
        self.assertEqual(rows["agentur"].shown_count, "< 5")
        self.assertEqual(rows["anzeigen"].shown_count, "13")
        self.assertIn("&lt; 5", ways.chart)
        self.assertNotIn("8 % (1)", ways.chart)

    def test_staff_see_how_many_texts_wait_and_not_the_texts(self):
        reply = self.page()
        self.assertNotContains(reply, OTHER_TEXT)
        self.assertNotContains(reply, SECRET_REMARK)
        self.assertContains(reply, "1 Text wartet auf Freigabe durch das Projektteam.", count=2)

    def test_the_team_releases_a_text_and_staff_then_see_it(self):
        team_page = self.page(self.team)
        self.assertContains(team_page, OTHER_TEXT)
        self.assertContains(team_page, reverse("surveys:answer_release", args=[self.other_text.pk]))
        review = self.get("round_text_review", self.team)
        self.assertContains(review, "2 Texte warten auf Freigabe")
        self.assertContains(review, SECRET_REMARK)
        self.client.force_login(self.team)
        reply = self.client.post(
            reverse("surveys:answer_release", args=[self.other_text.pk]), {"action": "release"}
        )
        self.assertRedirects(reply, reverse("surveys:round_text_review", args=[self.round.pk]))
        review = self.get("round_text_review", self.team)
        self.assertContains(review, "1 Text wartet auf Freigabe")
        self.assertContains(review, "1 freigegebener Text")
        staff_page = self.page()
        self.assertContains(staff_page, OTHER_TEXT)
        self.assertNotContains(staff_page, SECRET_REMARK)
        self.client.force_login(self.team)
        self.client.post(
            reverse("surveys:answer_release", args=[self.other_text.pk]), {"action": "withdraw"}
        )
        self.assertNotContains(self.page(), OTHER_TEXT)

    def test_staff_may_not_release_or_review(self):
        self.client.force_login(self.staff)
        reply = self.client.post(
            reverse("surveys:answer_release", args=[self.other_text.pk]), {"action": "release"}
        )
        self.assertIn(reply.status_code, (403, 404))
        self.assertFalse(TextRelease.objects.exists())
        review = self.client.get(reverse("surveys:round_text_review", args=[self.round.pk]))
        self.assertIn(review.status_code, (403, 404))

    def test_a_personalised_round_shows_its_texts_to_staff(self):
        survey_round, _token = open_round(self.version, district=self.district)
        SurveyRound.objects.filter(pk=survey_round.pk).update(
            anonymity=SurveyRound.Anonymity.PERSONALISED
        )
        survey_round.refresh_from_db()
        for answers in dangerous_answers()[:6]:
            add_response(survey_round, answers, organization=OrganizationFactory())
        add_response(
            survey_round,
            {"q01_branche": ("other", OTHER_TEXT)},
            organization=OrganizationFactory(),
        )
        reply = self.get("round_results", self.staff, survey_round)
        self.assertContains(reply, OTHER_TEXT)
        self.assertNotContains(reply, "wartet auf Freigabe")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) is missing")
class ReportTests(DisclosureTestCase):
    def test_the_report_merges_bins_pools_choices_and_leaves_out_unreleased_texts(self):
        for user in (self.staff, self.team):
            text = pdf_text(body(self.get("round_report", user)))
            self.assertIn("≥", text)
            self.assertIn("bis", text)
            self.assertIn("weitere (Handel,", text)
            self.assertNotIn(OTHER_TEXT, text)
            self.assertNotIn(SECRET_REMARK, text)
            self.assertNotIn("480", text)
            self.assertNotIn("1921", text)
            self.assertIn("wartet auf Freigabe", text)
        TextRelease.objects.create(answer=self.other_text, released_by=self.team)
        text = pdf_text(body(self.get("round_report", self.staff)))
        self.assertIn(OTHER_TEXT, text)


class ExportTests(DisclosureTestCase):
    def csv_rows(self, user, name="round_export_csv"):
        text = body(self.get(name, user)).decode("utf-8-sig")
        return list(csv.DictReader(io.StringIO(text), delimiter=";"))

    def test_staff_csv_has_bands_released_texts_only_and_rare_rows_generalised(self):
        rows = self.csv_rows(self.staff)
        employees = {row["q02_beschaeftigte"] for row in rows}
        self.assertNotIn(str(LARGEST_EMPLOYER), employees)
        page_labels = {row.label for row in self.question(self.page(), "q02_beschaeftigte").rows}
        self.assertLessEqual(employees - {"verallgemeinert", ""}, page_labels)
        texts = " ".join(" ".join(row.values()) for row in rows)
        self.assertNotIn(OTHER_TEXT, texts)
        self.assertNotIn(SECRET_REMARK, texts)
        self.assertNotIn("1921", texts)
        # Every combination of sector, size class and bands shown occurs at least five times.
        keys = {}
        for row in rows:
            key = (
                row["q01_branche"],
                row["q02_beschaeftigte_klasse"],
                row["q02_beschaeftigte"],
                row["q03_gruendung"],
                row["q05_anteil"],
            )
            keys[key] = keys.get(key, 0) + 1
        self.assertTrue(all(n >= 5 for n in keys.values()), keys)
        # The lone care home cannot keep its sector.
        self.assertNotIn(LONE_SECTOR, {row["q01_branche"] for row in rows})
        self.assertEqual([row["nr"] for row in rows], [str(n) for n in range(1, len(rows) + 1)])

    def test_the_codebook_counts_what_was_changed(self):
        rows = body(self.get("round_codebook_csv", self.staff)).decode("utf-8-sig").splitlines()
        notes = {
            line.split(";")[1]: line.split(";")[3]
            for line in rows
            if line.startswith("Offenlegungskontrolle")
        }
        # Thirteen firms differ in their bands, with or without the founding date; as "sector
        # and size class" eight are still too few alike, as "sector" two (the care home and the
        # farm): those two are left out, and with the farm its "Sonstiges" text; the remark is
        # emptied.
        self.assertEqual(notes["Zeilen mit verallgemeinerten Datumsbereichen"], "13")
        self.assertEqual(notes["davon zusätzlich Zahlenbereiche verallgemeinert"], "13")
        self.assertEqual(notes["davon zusätzlich Größenklasse verallgemeinert"], "8")
        self.assertEqual(notes["davon zusätzlich Branche verallgemeinert"], "2")
        self.assertEqual(notes["Weggelassene Zeilen"], "2")
        self.assertEqual(notes["Freitexte ohne Freigabe geleert"], "1")
        self.assertEqual(len(self.csv_rows(self.staff)), 11)

    def test_released_texts_reach_the_staff_export(self):
        TextRelease.objects.create(answer=self.remark, released_by=self.team)
        TextRelease.objects.create(answer=self.other_text, released_by=self.team)
        texts = " ".join(" ".join(row.values()) for row in self.csv_rows(self.staff))
        self.assertIn(SECRET_REMARK, texts)
        # The farm's row is left out (its sector is unique even as "sector only").
        self.assertNotIn(OTHER_TEXT, texts)

    def test_staff_xlsx_is_coarsened_with_the_codebook_notes(self):
        reply = self.get("round_export_xlsx", self.staff)
        workbook = openpyxl.load_workbook(io.BytesIO(body(reply)))
        values = [v for row in workbook["Antworten"].iter_rows(values_only=True) for v in row]
        self.assertNotIn(LARGEST_EMPLOYER, values)
        self.assertNotIn(OTHER_TEXT, values)
        self.assertIn("verallgemeinert", values)
        book = list(workbook["Codebuch"].iter_rows(values_only=True))
        self.assertIn("Weggelassene Zeilen", [row[1] for row in book])

    def test_staff_spss_file_holds_band_codes_with_labels(self):
        reply = self.get("round_export_sav", self.staff)
        with tempfile.NamedTemporaryFile(suffix=".sav") as handle:
            handle.write(body(reply))
            handle.flush()
            data, meta = pyreadstat.read_sav(handle.name, output_format="dict")
        self.assertNotIn(float(LARGEST_EMPLOYER), data["q02_beschaeftigte"])
        labels = meta.variable_value_labels["q02_beschaeftigte"]
        self.assertEqual(labels[97.0], "verallgemeinert")
        self.assertTrue(any(label.startswith("≥ ") for label in labels.values()), labels)
        self.assertNotIn(OTHER_TEXT, data["q01_branche_other_text"])

    def test_the_team_exports_the_full_data_and_the_audit_trail_says_so(self):
        rows = self.csv_rows(self.team)
        self.assertEqual(len(rows), 13)
        self.assertIn(str(LARGEST_EMPLOYER), {row["q02_beschaeftigte"] for row in rows})
        self.assertIn(OTHER_TEXT, {row["q01_branche_other_text"] for row in rows})
        events = AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT).order_by("pk")
        self.assertFalse(events.last().detail["coarsened"])
        self.csv_rows(self.staff)
        self.assertTrue(events.last().detail["coarsened"])

    def test_a_personalised_round_exports_full_data_to_staff(self):
        survey_round, _token = open_round(self.version, district=self.district)
        SurveyRound.objects.filter(pk=survey_round.pk).update(
            anonymity=SurveyRound.Anonymity.PERSONALISED
        )
        survey_round.refresh_from_db()
        for answers in dangerous_answers():
            add_response(survey_round, answers, organization=OrganizationFactory())
        self.client.force_login(self.staff)
        reply = self.client.get(reverse("surveys:round_export_csv", args=[survey_round.pk]))
        text = body(reply).decode("utf-8-sig")
        self.assertIn(str(LARGEST_EMPLOYER), text)
        self.assertIn(OTHER_TEXT, text)


class RuleTests(SimpleTestCase):
    def test_bins_are_merged_from_both_ends_and_between(self):
        groups = disclosure.merge_ordered([1, 2, 6, 3, 0, 4, 7, 1])
        self.assertEqual(
            [(g.first, g.last, g.count, g.open_low, g.open_high) for g in groups],
            [(0, 2, 9, True, False), (3, 5, 7, False, False), (6, 7, 8, False, True)],
        )

    def test_too_few_in_all_gives_one_group(self):
        self.assertEqual(len(disclosure.merge_ordered([1, 1, 1])), 1)

    def test_small_choices_are_pooled_until_the_pool_is_not_small(self):
        pooled = disclosure.pool_small([9, 6, 1, 0, 2])
        self.assertEqual(pooled.pooled, [1, 2, 4])
        self.assertEqual(pooled.pooled_count, 9)
        self.assertEqual(disclosure.pool_small([9, 6, 5]).pooled, [])

    def test_a_statistic_is_never_an_extreme_answer_nor_of_fewer_than_five(self):
        self.assertFalse(disclosure.statistic_shown(10, answered=5, low=10, high=900))
        self.assertFalse(disclosure.statistic_shown(20, answered=4, low=10, high=900))
        self.assertTrue(disclosure.statistic_shown(20, answered=5, low=10, high=900))
        self.assertTrue(disclosure.statistic_shown(7, answered=5, low=7, high=7))

    def test_rare_rows_are_generalised_step_by_step_then_suppressed(self):
        keys = [("a", "s", 1)] * 5 + [("a", "s", 2)] * 3 + [("a", "m", 3)] * 2 + [("b", "m", 1)]
        outcome = disclosure.generalise_rows(
            keys, [disclosure.blank([2]), disclosure.blank([1]), disclosure.blank([0])]
        )
        self.assertEqual(outcome.levels[:5], [0] * 5)
        # Six rows were rare; as ("a", "s", *) three remain alike, too few; as ("a", *, *) five.
        self.assertEqual(outcome.levels[5:10], [2] * 5)
        self.assertEqual(outcome.levels[10], 4)
        self.assertEqual(outcome.per_step, [6, 6, 1])
        self.assertEqual(outcome.suppressed, 1)
