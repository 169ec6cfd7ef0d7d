"""A visitor searches the public catalogue in German: stems, umlauts, snippets, odd input."""

from django.test import TestCase
from django.urls import reverse

from catalog.models import Status
from tests.catalog.factories import MeasureFactory, OfferFactory, ProviderFactory, field
from tests.factories import DistrictFactory


class CatalogSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.training = MeasureFactory(
            title="Ausbildungsbetriebe gewinnen",
            summary="Wie kleine Betriebe Auszubildende aus dem Ausland finden.",
            description="Praktika und Einstiegsqualifizierung öffnen den Weg in die Lehre.",
            fields_of_action=[field("personalgewinnung")],
        )
        cls.leaders = MeasureFactory(
            title="Training für Führungskräfte",
            summary="Führungskräfte lernen, gemischte Teams zu leiten.",
            description="Drei halbe Tage mit Fallbeispielen aus dem Betrieb.",
            fields_of_action=[field("personalentwicklung")],
        )
        cls.welcome = MeasureFactory(
            title="Willkommensmappe",
            summary="Eine Mappe mit allem, was Zugezogene in den ersten Wochen brauchen.",
            description="Enthält auch Hinweise zur Ausbildung der Kinder und zu Schulen.",
            fields_of_action=[field("willkommenskultur")],
        )
        cls.draft = MeasureFactory(
            title="Ausbildungsmesse im Entwurf",
            summary="Noch nicht fertig.",
            status=Status.DRAFT,
        )

    def search(self, text, url_name="catalog:measure_list"):
        return self.client.get(reverse(url_name), {"q": text})

    def titles(self, response):
        return [m.title for m in response.context["measures"]]

    def test_a_word_finds_its_compounds_and_the_title_hit_ranks_first(self):
        response = self.search("Ausbildung")
        self.assertEqual(
            self.titles(response), ["Ausbildungsbetriebe gewinnen", "Willkommensmappe"]
        )

    def test_umlauts_can_be_typed_as_digraphs_or_plain_vowels(self):
        for text in ["Führungskräfte", "Fuehrungskraefte", "Fuhrungskrafte", "FÜHRUNG"]:
            with self.subTest(text=text):
                self.assertEqual(self.titles(self.search(text)), ["Training für Führungskräfte"])

    def test_every_word_must_match(self):
        self.assertEqual(self.titles(self.search("Ausbildung Kinder")), ["Willkommensmappe"])

    def test_the_hit_is_highlighted_in_the_snippet_and_the_rest_is_escaped(self):
        MeasureFactory(
            title="Mentoring",
            summary="Tandems <script>alert(1)</script> & Paten <b für die Ausbildung.",
        )
        response = self.search("Ausbildung")
        html = response.content.decode()
        self.assertIn("<mark>Ausbildung</mark>", html)
        self.assertIn("<mark>Ausbildungsbetriebe</mark> gewinnen", html)
        self.assertIn("&amp; Paten &lt;b", html)
        self.assertNotIn("<script>alert(1)", html)

    def test_no_hits_says_so(self):
        response = self.search("Raumfahrt")
        self.assertEqual(self.titles(response), [])
        self.assertContains(response, "Keine Maßnahme passt zu „Raumfahrt“")

    def test_no_hits_heading_says_none_were_found(self):
        heading = self.heading(self.search("Raumfahrt"))
        self.assertEqual(heading, "Keine Maßnahmen zu „Raumfahrt“")
        offers = self.heading(self.search("Raumfahrt", url_name="catalog:offer_list"))
        self.assertEqual(offers, "Keine Angebote zu „Raumfahrt“")

    def test_a_too_long_search_text_is_refused_and_the_heading_claims_no_search(self):
        response = self.search("x" * 201)
        self.assertEqual(self.heading(response), "3 Maßnahmen")  # the unfiltered list
        self.assertContains(response, "höchstens 200 Zeichen")
        self.assertContains(response, "Filter zurücksetzen")

    def heading(self, response):
        html = response.content.decode()
        text = html.split('id="results-heading">', 1)[1].split("</h2>", 1)[0]
        return " ".join(text.split())

    def test_sql_and_tsquery_special_characters_do_no_harm(self):
        for text in [
            "'; DROP TABLE catalog_measure; --",
            'Ausbildung & | ! ( ) : * \\ "',
            "%_%",
            "!!!",
            "a' OR '1'='1",
            "Ausbildung:*B",
            "<>",
            "x" * 300,
        ]:
            with self.subTest(text=text):
                response = self.search(text)
                self.assertEqual(response.status_code, 200)
        self.assertEqual(
            self.titles(self.search("Ausbildung & | ! ( ) :")),
            [
                "Ausbildungsbetriebe gewinnen",
                "Willkommensmappe",
            ],
        )
        self.assertEqual(self.titles(self.search("!!!")), [])

    def test_drafts_are_not_found_by_the_public(self):
        self.assertNotIn(
            "Ausbildungsmesse im Entwurf", self.titles(self.search("Ausbildungsmesse"))
        )

    def test_offers_are_searched_too(self):
        OfferFactory(title="Anerkennungsberatung für Betriebe", description="Wir prüfen Zeugnisse.")
        response = self.search("Anerkennung", url_name="catalog:offer_list")
        self.assertEqual(
            [o.title for o in response.context["offers"]], ["Anerkennungsberatung für Betriebe"]
        )
        self.assertContains(response, "<mark>Anerkennungsberatung</mark>")


class SnippetAndLinkedNameTests(TestCase):
    """The snippet comes from the text that holds the hit; linked names are found too."""

    @classmethod
    def setUpTestData(cls):
        cls.costs = MeasureFactory(
            title="Mehrsprachige Arbeitsanweisungen",
            summary="Wichtige Anweisungen gibt es in den Sprachen der Belegschaft.",
            description=(
                "Die Teams sammeln die Anweisungen, die im Alltag am häufigsten gebraucht werden, "
                "und stimmen die Übersetzungen mit den Vorgesetzten aufeinander ab. Zum Schluss "
                "hängen die Anweisungen an den Maschinen aus."
            ),
            cost_and_funding=(
                "Übersetzungen kosten je Seite rund 40 Euro; kleine Betriebe bekommen dafür "
                "Zuschüsse aus dem Förderprogramm der Kammer, wenn sie den Antrag vor Beginn "
                "stellen, und die Kammer berät kostenfrei bei der Auswahl der Übersetzungsbüros "
                "und bei der Abrechnung der Förderung am Ende des Jahres."
            ),
            fields_of_action=[field("sprache")],
        )
        cls.onboarding = [
            MeasureFactory(
                title=f"Erste Woche im Betrieb {n}",
                summary="Neue Kolleginnen lernen den Betrieb kennen.",
                fields_of_action=[field("onboarding")],
            )
            for n in range(2)
        ]
        cls.titled = MeasureFactory(
            title="Onboarding-Checkliste",
            summary="Eine Liste für den ersten Tag.",
            fields_of_action=[field("sprache")],
        )
        cls.bridge = ProviderFactory(name="Sprachbrücke Beruf")
        cls.bridge_offers = [
            OfferFactory(provider=cls.bridge, title="Deutsch am Arbeitsplatz"),
            OfferFactory(
                provider=cls.bridge,
                title="Kurse für Auszubildende",
                description="Wir unterrichten in kleinen Gruppen.",
                languages="Deutsch, Türkisch, Arabisch",
            ),
        ]
        OfferFactory(title="Beratung für Kammern")

    def search(self, text, url_name="catalog:measure_list"):
        return self.client.get(reverse(url_name), {"q": text})

    def test_a_hit_in_the_costs_is_shown_from_the_costs_with_its_label_and_cut_marks(self):
        html = self.search("Förderprogramm").content.decode()
        snippet = html.split('<p class="snippet mb-1">', 1)[1].split("</p>", 1)[0]
        self.assertIn('<span class="snippet-label">Kosten und Förderung:</span>', snippet)
        self.assertIn("<mark>Förderprogramm</mark>", snippet)
        self.assertNotIn("aufeinander ab", snippet)
        self.assertTrue(snippet.rstrip().endswith("…"), snippet)  # the text goes on

    def test_a_snippet_from_the_start_of_a_short_text_has_no_cut_marks(self):
        html = self.search("Türkisch", url_name="catalog:offer_list").content.decode()
        self.assertIn(
            '<p class="snippet mb-1"><span class="snippet-label">Sprachen:</span> '
            "Deutsch, <mark>Türkisch</mark>, Arabisch</p>",
            html,
        )

    def test_a_hit_in_the_middle_of_a_description_is_cut_on_both_sides(self):
        html = self.search("Vorgesetzten").content.decode()
        snippet = html.split('<p class="snippet mb-1">', 1)[1].split("</p>", 1)[0]
        self.assertTrue(snippet.startswith("… "), snippet)
        self.assertIn("<mark>Vorgesetzten</mark>", snippet)
        self.assertNotIn("snippet-label", snippet)

    def test_measures_are_found_by_the_name_of_their_field_of_action_below_title_hits(self):
        response = self.search("Onboarding")
        titles = [m.title for m in response.context["measures"]]
        self.assertEqual(titles[0], "Onboarding-Checkliste")
        self.assertCountEqual(titles[1:], [m.title for m in self.onboarding])

    def test_offers_are_found_by_their_provider_and_its_name_is_marked(self):
        response = self.search("Sprachbrücke", url_name="catalog:offer_list")
        self.assertCountEqual(
            [o.title for o in response.context["offers"]], [o.title for o in self.bridge_offers]
        )
        self.assertContains(response, "<mark>Sprachbrücke</mark> Beruf")

    def test_offers_are_found_by_the_districts_they_name(self):
        offer = OfferFactory(
            title="Sprechstunde vor Ort",
            serves_all_bavaria=False,
            districts=[DistrictFactory(name="Landkreis Miesbach", official_key="09182")],
        )
        response = self.search("Miesbach", url_name="catalog:offer_list")
        self.assertEqual(list(response.context["offers"]), [offer])

    def test_renamed_fields_of_action_and_providers_are_found_by_their_new_name(self):
        onboarding = field("onboarding")
        onboarding.name = "Einarbeitung und Ankommen"
        onboarding.save()
        self.bridge.name = "Brückenwerk Sprache"
        self.bridge.save()
        self.assertEqual(
            [m.title for m in self.search("Ankommen").context["measures"]],
            sorted(m.title for m in self.onboarding),
        )
        self.assertEqual(len(self.search("Brückenwerk", "catalog:offer_list").context["offers"]), 2)
        self.assertEqual(self.search("Sprachbrücke", "catalog:offer_list").context["offers"], [])
