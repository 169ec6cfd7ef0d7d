"""The demo questionnaire and its round in Landkreis München, with a link that stays the same."""

from django.test import TestCase

from districts.models import District
from surveys import demo
from surveys.models import Invitation, Questionnaire, SurveyRound
from tests.surveys.helpers import url


class DemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        District.objects.create(name="Landkreis München", official_key="09184")

    def test_seeding_twice_builds_one_questionnaire_round_and_invitation(self):
        demo.seed()
        demo.seed()
        self.assertEqual(Questionnaire.objects.filter(name=demo.DEMO_NAME).count(), 1)
        self.assertEqual(SurveyRound.objects.count(), 1)
        self.assertEqual(Invitation.objects.count(), 1)

    def test_the_documented_demo_links_open_the_questionnaire(self):
        demo.seed()
        for name, token in [("respond", demo.DEMO_TOKEN), ("open_entry", demo.DEMO_OPEN_TOKEN)]:
            page = self.client.get(url(name, token))
            self.assertContains(page, "Bedarfsbefragung interkulturelle Öffnung")
            self.assertContains(page, "Landkreis München")
