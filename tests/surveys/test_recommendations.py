"""After submitting, a KMU sees its needs profile and the measures and MigraNet offers that fit."""

from decimal import Decimal

from django.test import TestCase

from catalog.models import FieldOfAction
from surveys import services
from surveys.models import Response
from surveys.queries import needs_profile
from tests.catalog.factories import MeasureFactory, OfferFactory
from tests.surveys.helpers import answer_all, consent, demo_version, open_round, url


class RecommendationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()
        cls.round, _open = open_round(cls.version)
        language = FieldOfAction.objects.get(slug="sprache")
        networks = FieldOfAction.objects.get(slug="netzwerke")
        cls.measure = MeasureFactory(
            title="Deutsch am Arbeitsplatz einführen", fields_of_action=[language]
        )
        cls.unrelated = MeasureFactory(
            title="Runder Tisch mit der Kommune", fields_of_action=[networks]
        )
        cls.offer = OfferFactory(title="Sprachcoaching für Betriebe", fields_of_action=[language])

    def setUp(self):
        _invitation, self.token = services.invitation_create(survey_round=self.round)
        self.reply = answer_all(self.client, self.token)
        self.response = Response.objects.get()

    def test_the_needs_profile_sums_the_weights_of_the_answers_in_sql(self):
        profile = needs_profile(self.response.pk)
        scores = [(e.field_of_action.slug, e.score) for e in profile.entries[:4]]
        self.assertEqual(
            scores,
            [
                ("sprache", Decimal("5.50")),
                ("onboarding", Decimal("4.50")),
                ("personalgewinnung", Decimal("3.00")),
                ("willkommenskultur", Decimal("2.00")),
            ],
        )
        self.assertEqual(profile.entries[0].share, 100)

    def test_the_thank_you_page_lists_fitting_measures_and_offers_with_their_reasons(self):
        page = self.client.get(url("thanks", self.token))
        self.assertContains(page, "Ihr Bedarfsprofil")
        self.assertContains(page, "Deutsch am Arbeitsplatz einführen")
        self.assertContains(page, "Sprachcoaching für Betriebe")
        self.assertContains(page, "Handlungsfeld „Sprache und Kommunikation“")
        self.assertContains(page, "in ganz Bayern verfügbar")
        self.assertNotContains(page, "Runder Tisch mit der Kommune")

    def test_the_answers_and_recommendations_download_as_pdf(self):
        reply = self.client.get(url("answers_pdf", self.token))
        self.assertEqual(reply["Content-Type"], "application/pdf")
        self.assertTrue(reply.content.startswith(b"%PDF"))

    def test_the_thank_you_page_stays_reachable_after_the_round_closed(self):
        self.round.closes_at = (
            self.round.opens_at + (self.round.closes_at - self.round.opens_at) / 100
        )
        self.round.save()
        self.assertEqual(self.client.get(url("thanks", self.token)).status_code, 200)

    def test_before_submitting_there_is_no_thank_you_page(self):
        _invitation, token = services.invitation_create(survey_round=self.round)
        consent(self.client, token)
        self.assertRedirects(
            self.client.get(url("thanks", token)), url("respond", token), target_status_code=302
        )
        self.assertRedirects(
            self.client.get(url("answers_pdf", token)),
            url("respond", token),
            target_status_code=302,
        )
