"""A KMU answers the needs questionnaire through its personal link (design.md flow 2)."""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.test import TestCase
from django.utils import timezone

from surveys import services, tokens
from surveys.models import Answer, AnswerChoice, Response, SurveyRound
from tests.surveys.helpers import (
    PAGE_ANSWERS,
    answer_all,
    answer_page,
    consent,
    demo_version,
    open_round,
    url,
)


class AnsweringTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()
        cls.round, cls.open_token = open_round(cls.version)

    def setUp(self):
        _invitation, self.token = services.invitation_create(survey_round=self.round)

    def response(self) -> Response:
        # The round is anonymous (the default): the response is found through the link only.
        return Response.objects.get(resume_token_hash=tokens.response_key(self.token))


class EntryTests(AnsweringTestCase):
    def test_the_link_shows_the_privacy_notice_and_asks_for_consent_first(self):
        page = self.client.get(url("respond", self.token))
        self.assertContains(page, "Datenschutz")
        self.assertContains(page, "Ergebnisse werden nur zusammengefasst gezeigt")
        self.assertContains(page, 'name="consent"')
        self.assertFalse(Response.objects.exists())

    def test_without_consent_nothing_starts(self):
        page = self.client.post(url("respond", self.token), {})
        self.assertContains(page, "Bitte stimmen Sie zu", status_code=400)
        self.assertContains(page, 'aria-describedby="consent-error"', status_code=400)
        self.assertFalse(Response.objects.exists())

    def test_consent_leads_to_the_first_section_with_a_progress_bar(self):
        reply = consent(self.client, self.token)
        self.assertRedirects(reply, url("page", self.token, 1))
        page = self.client.get(url("page", self.token, 1))
        self.assertContains(page, "<h1>Ihr Unternehmen</h1>", html=True)
        self.assertContains(page, "<progress")
        # Section 3 depends on an answer on this page: it counts as a page that may come.
        self.assertContains(page, "Schritt 1 von höchstens 6")

    def test_the_questionnaire_switches_to_english_on_every_page(self):
        consent(self.client, self.token)
        page = self.client.get(url("page", self.token, 1), {"sprache": "en"})
        self.assertContains(page, "How many people does your company employ?")
        self.assertContains(page, 'lang="en"')
        self.assertEqual(self.response().language, "en")
        # The choice stays for the next pages.
        page = self.client.get(url("page", self.token, 1))
        self.assertContains(page, "Your company")

    def test_an_open_link_starts_a_new_response_with_its_own_resume_link(self):
        reply = self.client.post(url("open_entry", self.open_token), {"consent": "on"})
        self.assertEqual(reply.status_code, 302)
        page = self.client.get(reply["Location"])
        self.assertContains(page, "Mit diesem persönlichen Link können Sie später weitermachen")
        response = Response.objects.get()
        self.assertIsNone(response.invitation)
        resume = reply["Location"].split("/t/")[1].split("/")[0]
        self.assertEqual(response.resume_token_hash, services.token_hash(resume))


class ValidationTests(AnsweringTestCase):
    def setUp(self):
        super().setUp()
        consent(self.client, self.token)

    def post_page_one(self, **changes):
        data = {**PAGE_ANSWERS[1], **changes}
        return answer_page(self.client, self.token, 1, data)

    def test_a_required_yes_no_question_left_empty_is_named_in_the_summary_and_at_the_field(self):
        page = self.post_page_one(q_q04_international="")
        self.assertContains(page, "Bitte beantworten Sie diese Frage.", count=2, status_code=400)
        self.assertContains(page, 'id="error-summary"', status_code=400)
        self.assertContains(page, 'href="#frage-q04_international-error"', status_code=400)
        self.assertContains(
            page, 'aria-describedby="frage-q04_international-error"', status_code=400
        )
        self.assertFalse(Answer.objects.exists())

    def test_an_english_respondent_reads_buttons_and_messages_in_english(self):
        self.client.get(url("page", self.token, 1), {"sprache": "en"})
        page = self.post_page_one(q_q04_international="", q_q02_beschaeftigte="0")
        self.assertContains(page, "Please answer this question.", status_code=400)
        self.assertContains(page, "Please enter at least 1 employees.", status_code=400)
        self.assertContains(page, ">Next</button>", status_code=400)
        self.assertContains(page, '<html lang="en" dir="ltr">', status_code=400)

    def test_a_number_out_of_range_is_refused_and_what_was_entered_stays(self):
        page = self.post_page_one(q_q02_beschaeftigte="0", q_q03_gruendung="2001-02-03")
        self.assertContains(page, "Bitte geben Sie mindestens 1 Beschäftigte an.", status_code=400)
        self.assertContains(page, 'value="0"', status_code=400)
        self.assertContains(page, 'value="2001-02-03"', status_code=400)

    def test_text_in_a_number_field_is_refused(self):
        page = self.post_page_one(q_q02_beschaeftigte="viele")
        self.assertContains(page, "Bitte geben Sie eine Zahl ein.", status_code=400)
        self.assertContains(page, 'value="viele"', status_code=400)

    def test_a_german_decimal_comma_is_understood(self):
        answer_page(self.client, self.token, 1)
        for position in (2, 3, 4):
            answer_page(self.client, self.token, position)
        answer_page(self.client, self.token, 5)
        self.assertEqual(Answer.objects.get(question__code="q24_stunden").number, Decimal("4.5"))

    def test_an_impossible_date_is_refused(self):
        # The founding date asks for a year; the consultation date for a day.
        for position in (1, 2, 3, 4):
            answer_page(self.client, self.token, position)
        data = {**PAGE_ANSWERS[5], "q_q23_termin": "2027-02-30"}
        page = answer_page(self.client, self.token, 5, data)
        self.assertContains(page, "Bitte geben Sie ein gültiges Datum ein.", status_code=400)

    def test_a_dropdown_value_that_was_not_offered_is_refused(self):
        page = self.post_page_one(q_q01_branche="bergbau")
        self.assertContains(
            page, "Bitte wählen Sie eine der angebotenen Antworten.", status_code=400
        )

    def test_other_needs_its_free_text(self):
        page = self.post_page_one(q_q01_branche="other")
        self.assertContains(page, "Bitte beschreiben Sie „Sonstiges“.", status_code=400)
        reply = self.post_page_one(q_q01_branche="other", q_q01_branche__other="Landwirtschaft")
        self.assertEqual(reply.status_code, 302)
        answer = Answer.objects.get(question__code="q01_branche")
        self.assertEqual((answer.choice.code, answer.text), ("other", "Landwirtschaft"))

    def test_multiple_choice_respects_its_maximum(self):
        answer_page(self.client, self.token, 1)
        data = {**PAGE_ANSWERS[2], "q_q07_wege": ["anzeigen", "agentur", "social", "ausland"]}
        page = answer_page(self.client, self.token, 2, data)
        self.assertContains(page, "Bitte wählen Sie höchstens 3 Antworten.", status_code=400)
        # The ticked boxes stay ticked.
        self.assertContains(page, 'value="ausland" checked', status_code=400)

    def test_multiple_choice_respects_its_minimum_and_required(self):
        for position in (1, 2, 3, 4):
            answer_page(self.client, self.token, position)
        page = answer_page(self.client, self.token, 5, {**PAGE_ANSWERS[5], "q_q21_themen": []})
        self.assertContains(page, "Bitte wählen Sie mindestens eine Antwort.", status_code=400)

    def test_a_rating_outside_the_scale_is_refused_and_dont_know_is_stored_as_such(self):
        answer_page(self.client, self.token, 1)
        page = answer_page(self.client, self.token, 2, {**PAGE_ANSWERS[2], "q_q08_bedeutung": "9"})
        self.assertContains(
            page, "Bitte wählen Sie eine der angebotenen Antworten.", status_code=400
        )
        answer_page(self.client, self.token, 2, {**PAGE_ANSWERS[2], "q_q08_bedeutung": "dont_know"})
        answer = Answer.objects.get(question__code="q08_bedeutung")
        self.assertEqual((answer.number, answer.dont_know), (None, True))

    def test_a_matrix_stores_one_answer_per_row_and_refuses_values_off_the_scale(self):
        answer_page(self.client, self.token, 1)
        answer_page(self.client, self.token, 2)
        page = answer_page(
            self.client, self.token, 3, {**PAGE_ANSWERS[3], "q_q11_bedarf__deutsch": "6"}
        )
        self.assertContains(
            page, "Bitte wählen Sie eine der angebotenen Antworten.", status_code=400
        )
        answer_page(self.client, self.token, 3)
        rows = dict(
            Answer.objects.filter(question__code="q11_bedarf").values_list("item__code", "number")
        )
        self.assertEqual(rows["deutsch"], Decimal("5"))
        self.assertEqual(rows["fuehrung"], None)
        self.assertEqual(len(rows), 5)

    def test_a_short_text_longer_than_300_characters_is_refused(self):
        for position in (1, 2):
            answer_page(self.client, self.token, position)
        page = answer_page(
            self.client, self.token, 3, {**PAGE_ANSWERS[3], "q_q14_sprachen": "x" * 301}
        )
        self.assertContains(page, "Bitte höchstens 300 Zeichen eingeben.", status_code=400)

    def test_going_back_keeps_what_was_entered_without_insisting_on_required_answers(self):
        answer_page(self.client, self.token, 1)
        reply = answer_page(
            self.client, self.token, 2, {"q_q06_offene_stellen": "nein"}, action="back"
        )
        self.assertRedirects(reply, url("page", self.token, 1))
        self.assertEqual(
            Answer.objects.get(question__code="q06_offene_stellen").choice.code, "nein"
        )


class ConditionTests(AnsweringTestCase):
    def setUp(self):
        super().setUp()
        consent(self.client, self.token)

    def test_a_follow_up_on_the_same_page_is_stored_only_with_the_matching_answer(self):
        answer_page(self.client, self.token, 1)
        page = self.client.get(url("page", self.token, 2))
        # The page's script shows it while "Ja" is ticked.
        self.assertContains(page, 'data-show-if="[{&quot;source&quot;: &quot;q_q06_offene_stellen')
        answer_page(self.client, self.token, 2, {**PAGE_ANSWERS[2], "q_q06_offene_stellen": "nein"})
        self.assertFalse(Answer.objects.filter(question__code="q10_hindernisse").exists())
        answer_page(self.client, self.token, 2)
        self.assertTrue(Answer.objects.filter(question__code="q10_hindernisse").exists())

    def test_a_follow_up_on_a_later_page_is_left_out_without_the_matching_answer(self):
        answer_page(self.client, self.token, 1, {**PAGE_ANSWERS[1], "q_q04_international": "nein"})
        answer_page(self.client, self.token, 2)
        for position in (4, 5):
            answer_page(
                self.client,
                self.token,
                position,
                {**PAGE_ANSWERS[position], "q_q22_form": "workshop"},
            )
        self.assertFalse(Answer.objects.filter(question__code="q23_termin").exists())
        self.assertFalse(Answer.objects.filter(question__code="q05_anteil").exists())

    def test_a_hidden_section_is_skipped(self):
        answer_page(self.client, self.token, 1, {**PAGE_ANSWERS[1], "q_q04_international": "nein"})
        reply = answer_page(self.client, self.token, 2)
        self.assertRedirects(reply, url("page", self.token, 4))
        self.assertRedirects(
            self.client.get(url("page", self.token, 3)), url("page", self.token, 4)
        )

    def test_answers_to_questions_that_became_hidden_are_discarded(self):
        for position in (1, 2, 3):
            answer_page(self.client, self.token, position)
        self.assertTrue(Answer.objects.filter(question__code="q05_anteil").exists())
        # Back on page 1 the respondent says they employ nobody from abroad, and sends q05 too.
        answer_page(self.client, self.token, 1, {**PAGE_ANSWERS[1], "q_q04_international": "nein"})
        self.assertFalse(Answer.objects.filter(question__code="q05_anteil").exists())
        answer_page(self.client, self.token, 2)
        answer_page(self.client, self.token, 4)
        answer_page(self.client, self.token, 5)
        self.client.post(url("review", self.token))
        self.assertIsNotNone(self.response().submitted_at)
        self.assertFalse(Answer.objects.filter(question__section__position=3).exists())

    def test_a_hidden_required_question_is_not_required(self):
        answer_page(
            self.client, self.token, 1, {"q_q02_beschaeftigte": "3", "q_q04_international": "nein"}
        )
        reply = answer_page(self.client, self.token, 2, {"q_q08_bedeutung": "2"})
        self.assertEqual(reply.status_code, 302)


class ResumeTests(AnsweringTestCase):
    def test_the_same_link_continues_where_the_respondent_stopped(self):
        consent(self.client, self.token)
        answer_page(self.client, self.token, 1)
        answer_page(self.client, self.token, 2)
        other_device = self.client_class()
        reply = other_device.get(url("respond", self.token))
        self.assertRedirects(reply, url("page", self.token, 3))
        page = other_device.get(url("page", self.token, 1))
        self.assertContains(page, 'value="25"')
        self.assertContains(page, 'value="ja" checked')

    def test_leaving_a_page_unfinished_keeps_what_was_entered(self):
        consent(self.client, self.token)
        reply = answer_page(
            self.client,
            self.token,
            1,
            {"q_q02_beschaeftigte": "12", "q_q03_gruendung": "x"},
            action="draft",
        )
        self.assertEqual(reply.status_code, 204)  # an invalid date: nothing stored yet
        self.assertFalse(Answer.objects.exists())
        reply = answer_page(
            self.client, self.token, 1, {"q_q02_beschaeftigte": "12"}, action="draft"
        )
        self.assertEqual(reply.status_code, 204)
        self.assertEqual(Answer.objects.get().number, 12)
        self.assertEqual(self.response().furthest_position, 0)
        self.assertRedirects(
            self.client_class().get(url("respond", self.token)), url("page", self.token, 1)
        )

    def test_pages_not_reached_yet_cannot_be_skipped_to(self):
        consent(self.client, self.token)
        reply = self.client.get(url("page", self.token, 4))
        self.assertRedirects(reply, url("page", self.token, 1))


class SubmitTests(AnsweringTestCase):
    def test_submitting_leads_to_the_thank_you_page_and_freezes_the_answers(self):
        reply = answer_all(self.client, self.token)
        self.assertRedirects(reply, url("thanks", self.token))
        response = self.response()
        self.assertIsNotNone(response.submitted_at)
        count = Answer.objects.count()
        # Another page save is refused, a second submit changes nothing.
        reply = answer_page(self.client, self.token, 1)
        self.assertRedirects(reply, url("thanks", self.token))
        self.client.post(url("review", self.token))
        self.assertEqual(Answer.objects.count(), count)
        self.assertEqual(self.response().submitted_at, response.submitted_at)
        self.assertFalse(services.response_submit(response=response))

    def test_the_database_refuses_answers_to_a_submitted_response(self):
        answer_all(self.client, self.token)
        answer = Answer.objects.filter(question__code="q02_beschaeftigte").get()
        answer.number = 99
        with self.assertRaises(IntegrityError), transaction.atomic():
            answer.save()

    def test_a_missing_required_answer_sends_the_respondent_back_to_its_page(self):
        consent(self.client, self.token)
        for position in (1, 2, 3, 4):
            answer_page(self.client, self.token, position)
        Answer.objects.filter(question__code="q08_bedeutung").delete()
        reply = self.client.post(url("review", self.token))
        self.assertRedirects(reply, url("page", self.token, 2), fetch_redirect_response=False)
        self.assertIsNone(self.response().submitted_at)

    def test_the_review_lists_every_answer_in_words(self):
        consent(self.client, self.token)
        for position in PAGE_ANSWERS:
            answer_page(self.client, self.token, position)
        page = self.client.get(url("review", self.token))
        self.assertContains(page, "Handwerk")
        self.assertContains(page, "Stellenanzeigen, Agentur für Arbeit oder Jobcenter")
        self.assertContains(page, "der Einarbeitung: 4")
        self.assertContains(page, "4,5 Stunden")
        self.assertContains(page, "Antworten absenden")

    def test_stored_answers_are_typed_rows_countable_in_sql(self):
        answer_all(self.client, self.token)
        self.assertEqual(AnswerChoice.objects.filter(answer__question__code="q07_wege").count(), 2)
        self.assertEqual(
            Answer.objects.get(question__code="q03_gruendung").date, datetime.date(1998, 1, 1)
        )


class UnavailableLinkTests(AnsweringTestCase):
    def assertSameFriendlyPage(self, replies):
        statuses = {r.status_code for r in replies}
        self.assertEqual(statuses, {404})
        bodies = {r.content.decode().split("<main")[1].split("</main>")[0] for r in replies}
        self.assertEqual(len(bodies), 1)
        self.assertContains(replies[0], "Fragebogen nicht verfügbar", status_code=404)

    def test_unknown_wrong_closed_and_not_yet_open_links_look_alike(self):
        now = timezone.now()
        closed, _ = open_round(
            self.version,
            opens_at=now - datetime.timedelta(days=9),
            closes_at=now - datetime.timedelta(days=1),
            access=SurveyRound.Access.INVITATION,
        )
        future, _ = open_round(
            self.version,
            opens_at=now + datetime.timedelta(days=1),
            closes_at=now + datetime.timedelta(days=9),
            access=SurveyRound.Access.INVITATION,
        )
        _i, closed_token = services.invitation_create(survey_round=closed)
        _i, future_token = services.invitation_create(survey_round=future)
        replies = [
            self.client.get(url("respond", token))
            for token in [services.new_token(), "kaputt", closed_token, future_token]
        ]
        self.assertSameFriendlyPage(replies)

    def test_a_round_lets_in_only_the_kinds_of_link_it_allows(self):
        invitations_only, no_open_link = open_round(
            self.version, access=SurveyRound.Access.INVITATION
        )
        self.assertIsNone(no_open_link)
        open_only, open_token = open_round(self.version, access=SurveyRound.Access.OPEN)
        _i, token = services.invitation_create(survey_round=open_only)
        self.assertEqual(self.client.get(url("respond", token)).status_code, 404)
        self.assertEqual(self.client.get(url("open_entry", open_token)).status_code, 200)

    def test_guessing_tokens_is_paused_even_for_a_valid_link(self):
        client = self.client_class(REMOTE_ADDR="203.0.113.9")
        for n in range(20):
            token = services.new_token() if n % 2 else f"falsch-{n}"
            self.assertEqual(client.get(url("respond", token)).status_code, 404)
        reply = client.get(url("respond", self.token))
        self.assertContains(reply, "viele Aufrufe mit ungültigen Links", status_code=429)
        # Another address is not affected.
        other = self.client_class(REMOTE_ADDR="203.0.113.10")
        self.assertEqual(other.get(url("respond", self.token)).status_code, 200)
