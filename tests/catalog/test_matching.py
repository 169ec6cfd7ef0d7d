"""„Wer hilft uns?“: ranked measures and MigraNet offers for a kind, a district and fields of
action, each with the reasons that make up its score."""

import datetime

from django.test import TestCase
from django.urls import reverse

from catalog.models import Effort, Status
from catalog.queries import match, match_for_organization
from districts.models import Contact, Need, Organization
from ikokmu.roles import Role
from tests.catalog.factories import (
    ContactFactory,
    MeasureFactory,
    OfferFactory,
    ProviderFactory,
    field,
)
from tests.factories import DistrictFactory, user_with_role


class MatchingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.munich = DistrictFactory(name="Landkreis München", official_key="09184")
        cls.miesbach = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
        cls.language = field("sprache")
        cls.recognition = field("anerkennung")
        cls.welcome = field("willkommenskultur")

        # Measures: two fields and for SMEs > one field and for SMEs > one field, open to all
        cls.both = MeasureFactory(
            title="Sprachpaten und Anerkennungslotsen",
            fields_of_action=[cls.language, cls.recognition],
            target_kinds=["sme"],
        )
        cls.sme_language = MeasureFactory(
            title="Deutsch am Arbeitsplatz", fields_of_action=[cls.language], target_kinds=["sme"]
        )
        cls.open_language = MeasureFactory(
            title="Mehrsprachige Aushänge", fields_of_action=[cls.language], target_kinds=[]
        )
        cls.easy_open_language = MeasureFactory(
            title="Zweisprachiges Glossar",
            fields_of_action=[cls.language],
            target_kinds=[],
            effort=Effort.LOW,
        )
        cls.for_municipalities = MeasureFactory(
            title="Bürgerbüro mehrsprachig",
            fields_of_action=[cls.language],
            target_kinds=["municipality"],
        )
        cls.other_field = MeasureFactory(
            title="Willkommensfest", fields_of_action=[cls.welcome], target_kinds=["sme"]
        )
        cls.draft = MeasureFactory(
            title="Entwurf Sprache", fields_of_action=[cls.language], status=Status.DRAFT
        )

        # Offers: local in Munich, all Bavaria, only Miesbach, expired
        provider = ProviderFactory(name="Beratungsnetz Süd")
        cls.consenting = ContactFactory(first_name="Aylin", last_name="Demir")
        cls.internal = ContactFactory(
            first_name="Jan",
            last_name="Intern",
            legal_basis=Contact.LegalBasis.LEGITIMATE_INTEREST,
        )
        cls.local = OfferFactory(
            title="Sprachkurs im Betrieb München",
            provider=provider,
            fields_of_action=[cls.language],
            target_kinds=["sme"],
            serves_all_bavaria=False,
            districts=[cls.munich],
            contacts=[cls.consenting, cls.internal],
        )
        cls.bavaria = OfferFactory(
            title="Anerkennungsberatung Bayern",
            provider=provider,
            fields_of_action=[cls.recognition],
            target_kinds=[],
        )
        cls.miesbach_only = OfferFactory(
            title="Sprachcafé Miesbach",
            fields_of_action=[cls.language],
            serves_all_bavaria=False,
            districts=[cls.miesbach],
        )
        cls.expired = OfferFactory(
            title="Abgelaufenes Angebot",
            fields_of_action=[cls.language],
            valid_until=datetime.date(2020, 12, 31),
        )

    def test_measures_are_ranked_by_fields_kind_and_effort_with_reasons(self):
        result = match(
            kind="sme", district=self.munich, fields_of_action=[self.language, self.recognition]
        )
        ranked = [(m.measure.title, m.score) for m in result.measures]
        self.assertEqual(
            ranked,
            [
                ("Sprachpaten und Anerkennungslotsen", 3 * 2 + 2),
                ("Deutsch am Arbeitsplatz", 3 + 2),
                ("Zweisprachiges Glossar", 3 + 1),  # low effort first among equals
                ("Mehrsprachige Aushänge", 3 + 1),
            ],
        )
        self.assertEqual(
            result.measures[0].reasons,
            [
                "Handlungsfelder „Sprache und Kommunikation“, "
                "„Anerkennung ausländischer Berufsabschlüsse“",
                "richtet sich an KMU",
            ],
        )
        self.assertEqual(
            result.measures[2].reasons,
            ["Handlungsfeld „Sprache und Kommunikation“", "für alle Organisationsarten geeignet"],
        )

    def test_offers_must_serve_the_district_and_local_ones_rank_higher(self):
        result = match(
            kind="sme", district=self.munich, fields_of_action=[self.language, self.recognition]
        )
        ranked = [(o.offer.title, o.score) for o in result.offers]
        self.assertEqual(
            ranked,
            [
                ("Sprachkurs im Betrieb München", 3 + 2 + 2),
                ("Anerkennungsberatung Bayern", 3 + 1 + 1),
            ],
        )
        self.assertIn("im Landkreis München tätig", result.offers[0].reasons)
        self.assertIn(
            "in ganz Bayern verfügbar, also auch im Landkreis München", result.offers[1].reasons
        )

    def test_only_consenting_contacts_are_named_to_the_public(self):
        public = match(kind="sme", district=self.munich, fields_of_action=[self.language])
        self.assertEqual(public.offers[0].contacts, [self.consenting])
        team = match(
            kind="sme",
            district=self.munich,
            fields_of_action=[self.language],
            user=user_with_role(Role.PROJECT_TEAM),
        )
        self.assertCountEqual(team.offers[0].contacts, [self.consenting, self.internal])

    def test_another_district_gets_its_own_offers(self):
        result = match(kind="sme", district=self.miesbach, fields_of_action=[self.language])
        self.assertEqual([o.offer.title for o in result.offers], ["Sprachcafé Miesbach"])

    def test_without_fields_every_field_counts(self):
        result = match(kind="sme", district=self.munich)
        titles = [m.measure.title for m in result.measures]
        self.assertIn("Willkommensfest", titles)
        self.assertNotIn("Bürgerbüro mehrsprachig", titles)
        self.assertNotIn("Entwurf Sprache", titles)

    def test_an_organisation_is_matched_by_its_recorded_needs(self):
        company = Organization.objects.create(
            name="Bäckerei Huber", kind=Organization.Kind.SME, district=self.munich
        )
        Need.objects.create(
            district=self.munich,
            organization=company,
            field_of_action=self.welcome,
            description="Neue Kolleg*innen finden keine Wohnung.",
            source=Need.Source.TALK,
        )
        result = match_for_organization(organization=company)
        self.assertTrue(result.fields_from_needs)
        self.assertEqual([m.measure.title for m in result.measures], ["Willkommensfest"])

    def test_matching_runs_a_constant_number_of_queries(self):
        with self.assertNumQueries(6):
            match(kind="sme", district=self.munich, fields_of_action=[self.language])
        for _n in range(10):
            MeasureFactory(fields_of_action=[self.language], target_kinds=["sme"])
            OfferFactory(fields_of_action=[self.language], contacts=[ContactFactory()])
        with self.assertNumQueries(6):
            match(kind="sme", district=self.munich, fields_of_action=[self.language])


class MatchPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.district = DistrictFactory(name="Landkreis Landsberg am Lech", official_key="09181")
        MeasureFactory(title="Patenschaften im Team", fields_of_action=[field("onboarding")])
        OfferFactory(title="Onboarding-Beratung", fields_of_action=[field("onboarding")])

    def test_a_visitor_asks_who_helps_and_sees_reasons(self):
        response = self.client.get(
            reverse("catalog:match"),
            {
                "kind": "sme",
                "district": self.district.pk,
                "fields_of_action": [field("onboarding").pk],
            },
        )
        self.assertContains(response, "Patenschaften im Team")
        self.assertContains(response, "Onboarding-Beratung")
        self.assertContains(response, "Handlungsfeld „Einarbeitung und Onboarding“")
        self.assertContains(response, "in ganz Bayern verfügbar, also auch im Landkreis Landsberg")

    def test_a_cut_list_says_it_shows_the_ten_best_and_how_ties_are_ordered(self):
        for n in range(10):
            MeasureFactory(
                title=f"Einarbeitung Schritt {n}", fields_of_action=[field("onboarding")]
            )
        query = {"kind": "sme", "district": self.district.pk}
        response = self.client.get(reverse("catalog:match"), query)
        self.assertEqual(len(response.context["result"].measures), 10)
        self.assertContains(response, "Die 10 passendsten Maßnahmen")
        self.assertContains(response, "Es passen noch weitere Maßnahmen")
        self.assertContains(response, 'href="/katalog/?kind=sme"')
        self.assertContains(
            response, "Bei gleicher Punktzahl stehen Maßnahmen mit geringerem Aufwand vorn"
        )
        # One offer fits: its list is complete and says nothing of the ten best.
        self.assertContains(response, "MigraNet-Angebote und Ansprechpersonen")
        self.assertNotContains(response, "passendsten MigraNet-Angebote")

    def test_missing_kind_and_district_get_german_messages(self):
        response = self.client.get(reverse("catalog:match"), {"fields_of_action": ["x"]})
        self.assertContains(response, "Bitte wählen Sie, welche Art von Organisation Sie sind.")
        self.assertContains(response, "Bitte wählen Sie Ihren Landkreis.")

    def test_the_public_cannot_pick_organisations_of_the_address_book(self):
        response = self.client.get(reverse("catalog:match"))
        self.assertNotContains(response, "Organisation aus dem Adressbuch")
        self.client.force_login(user_with_role(Role.PROJECT_TEAM))
        response = self.client.get(reverse("catalog:match"))
        self.assertContains(response, "Organisation aus dem Adressbuch")
