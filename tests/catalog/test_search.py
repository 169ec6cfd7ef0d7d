"""A visitor searches the public catalogue in German: stems, umlauts, snippets, odd input."""

from django.test import TestCase
from django.urls import reverse

from catalog.models import Status
from tests.catalog.factories import MeasureFactory, OfferFactory, field


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
