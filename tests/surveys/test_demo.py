"""The demo questionnaire and its rounds: the München round with a link that stays the same, the
running anonymous round in Landkreis Miesbach, the open-link round and the closed personalised
round in Weilheim-Schongau."""

import time

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from consulting.models import ConsultingCase
from consulting.queries import survey_response_for
from districts import demo as districts_demo
from districts.models import Organization
from ikokmu.demo import seed_core
from ikokmu.roles import Role
from surveys import demo, tokens
from surveys.models import (
    Answer,
    Invitation,
    OptOut,
    Questionnaire,
    Reminder,
    Response,
    SurveyRound,
)
from surveys.queries import answer_values, version_structure
from tests.factories import user_with_role
from tests.surveys.helpers import url
from tests.surveys.test_disclosure import counts_shown


class DemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed_core()
        districts_demo.seed()
        cls.summary = demo.seed()
        cls.miesbach = SurveyRound.objects.get(title=demo.MIESBACH_ROUND)
        cls.open_round = SurveyRound.objects.get(title=demo.OPEN_ROUND)

    def test_seeding_again_changes_nothing_and_is_quick(self):
        counts = (
            Questionnaire.objects.count(),
            SurveyRound.objects.count(),
            Invitation.objects.count(),
            Response.objects.count(),
            Answer.objects.count(),
            Reminder.objects.count(),
        )
        started = time.perf_counter()
        summary = demo.seed()
        self.assertLess(time.perf_counter() - started, 1)
        self.assertEqual(summary, self.summary)
        self.assertEqual(
            counts,
            (
                Questionnaire.objects.count(),
                SurveyRound.objects.count(),
                Invitation.objects.count(),
                Response.objects.count(),
                Answer.objects.count(),
                Reminder.objects.count(),
            ),
        )
        self.assertEqual(counts[:3], (1, 4, 207))

    def test_the_documented_demo_links_open_the_questionnaire(self):
        for name, token in [("respond", demo.DEMO_TOKEN), ("open_entry", demo.DEMO_OPEN_TOKEN)]:
            page = self.client.get(url(name, token))
            self.assertContains(page, "Bedarfsbefragung interkulturelle Öffnung")
            self.assertContains(page, "Landkreis München")

    def test_the_printed_open_link_of_weilheim_schongau_opens_its_round(self):
        token = tokens.open_token(self.open_round.open_token_salt)
        self.assertIn(f"/befragung/offen/{token}/", self.summary)
        page = self.client.get(url("open_entry", token))
        self.assertContains(page, "Landkreis Weilheim-Schongau")

    def test_the_miesbach_round_is_running_with_200_invitations_and_its_delivery_state(self):
        round_ = self.miesbach
        now = timezone.now()
        self.assertEqual(round_.district.official_key, "09182")
        self.assertEqual(round_.anonymity, SurveyRound.Anonymity.ANONYMOUS)
        self.assertEqual(round_.access, SurveyRound.Access.INVITATION)
        self.assertTrue(round_.opens_at < now < round_.closes_at)
        invitations = round_.invitations.all()
        self.assertEqual(invitations.count(), 200)
        sent = invitations.filter(sent_at__isnull=False)
        failed = invitations.filter(failed_at__isnull=False)
        self.assertTrue(185 <= sent.count() <= 195)
        self.assertEqual(sent.count() + failed.count(), 200)
        self.assertFalse(failed.filter(failure_reason="").exists())
        self.assertTrue(invitations.filter(organization__isnull=False).exists())
        for email in invitations.filter(organization__isnull=True).values_list("email", flat=True):
            self.assertRegex(email, r"\.(example\.(org|com|net)|test)$")
        opted_out = invitations.filter(opted_out_at__isnull=False)
        self.assertEqual(opted_out.count(), demo.OPTED_OUT)
        self.assertEqual(OptOut.objects.filter(email__in=opted_out.values("email")).count(), 3)
        self.assertEqual(invitations.filter(completed=True).count(), 70)
        self.assertEqual(invitations.filter(started=True, completed=False).count(), 15)
        reminder = round_.reminders.get()
        self.assertEqual(reminder.recipients, invitations.filter(reminders_sent=1).count())
        self.assertFalse(invitations.filter(reminders_sent=1, opted_out_at__lt=reminder.sent_at))

    def test_miesbach_responses_are_anonymous_yet_reachable_through_their_links(self):
        responses = Response.objects.filter(round=self.miesbach)
        self.assertEqual(responses.filter(submitted_at__isnull=False).count(), 70)
        self.assertEqual(responses.filter(submitted_at__isnull=True).count(), 15)
        self.assertFalse(responses.filter(invitation__isnull=False).exists())
        keys = set(responses.values_list("resume_token_hash", flat=True))
        started = self.miesbach.invitations.filter(started=True)
        self.assertEqual(
            keys,
            {tokens.response_key(tokens.invitation_token(i.token_salt)) for i in started},
        )
        completed_keys = {
            tokens.response_key(tokens.invitation_token(i.token_salt))
            for i in started.filter(completed=True)
        }
        self.assertEqual(
            completed_keys,
            set(
                responses.filter(submitted_at__isnull=False).values_list(
                    "resume_token_hash", flat=True
                )
            ),
        )
        self.assertTrue(responses.filter(language="en").exists())
        days = {r.submitted_at.date() for r in responses.filter(submitted_at__isnull=False)}
        self.assertGreater(len(days), 10)  # spread over the weeks, not one day

    def test_every_submitted_demo_answer_set_respects_the_questionnaires_rules(self):
        structure = version_structure(self.miesbach.version_id)
        submitted = Response.objects.filter(submitted_at__isnull=False)
        self.assertEqual(submitted.filter(round=self.open_round).count(), 20)
        dont_know = other_texts = 0
        for response in submitted:
            values = answer_values(response.pk)
            for question in structure.questions:
                shown = structure.is_shown(question, values)
                if not shown:
                    self.assertNotIn(question.code, values, (response.pk, question.code))
                elif question.required:
                    self.assertIn(question.code, values, (response.pk, question.code))
            self.assertLessEqual(len(values["q21_themen"]), 3)
            self.assertLessEqual(len(values.get("q07_wege", ())), 3)
            dont_know += values.get("q08_bedeutung") == "dont_know"
            other_texts += ("q01_branche", "other") in values or ("q07_wege", "other") in values
        self.assertGreater(dont_know, 0)
        self.assertGreater(other_texts, 0)
        self.assertTrue(
            Answer.objects.filter(question__code="q10_hindernisse").exclude(text="").exists()
        )

    def test_miesbach_staff_see_no_cell_below_five_in_the_anonymous_round(self):
        # The consent text promises "nie für Gruppen unter fünf Betrieben": the histogram had
        # "400–499 n=1" and "Sonstiges (1)" with its text "Landwirtschaft".
        staff = user_with_role(Role.DISTRICT_STAFF, districts=[self.miesbach.district])
        self.client.force_login(staff)
        page = self.client.get(reverse("surveys:round_results", args=[self.miesbach.pk]))
        self.assertEqual(page.status_code, 200)
        shown = counts_shown(page.content.decode())
        self.assertGreater(len(shown), 20)
        self.assertEqual([n for n in shown if n not in ("0", "&lt; 5") and int(n) < 5], [])
        self.assertNotContains(page, "Landwirtschaft")
        self.assertContains(page, "warten auf Freigabe")

    def test_the_consulting_demos_kmu_in_weilheim_schongau_answered_the_personalised_round(self):
        # consulting.demo opens its Weilheim-Schongau case with the first KMU by name.
        organization = (
            Organization.objects.filter(district__official_key="09190", kind="sme")
            .order_by("name")
            .first()
        )
        response = survey_response_for(ConsultingCase(organization=organization))
        self.assertEqual(response.round.title, demo.PERSONAL_ROUND)
        self.assertEqual(response.invitation.organization, organization)
        personal = SurveyRound.objects.get(title=demo.PERSONAL_ROUND)
        self.assertLess(personal.closes_at, timezone.now())
        self.assertEqual(personal.invitations.filter(completed=True).count(), 4)
        self.assertEqual(
            Response.objects.filter(round=personal, invitation__completed=True).count(), 4
        )
