"""The demo catalogue: enough to try everything, in every field of action, loadable twice."""

from django.test import TestCase

from catalog import demo
from catalog.models import FieldOfAction, LiteratureReference, Measure, Offer, Provider, Status
from catalog.queries import match
from districts.models import Contact, District
from ikokmu.demo import seed_core


class DemoCatalogueTests(TestCase):
    def test_the_demo_catalogue_is_complete_and_can_be_loaded_twice(self):
        seed_core()
        summary = demo.seed()
        self.assertIn("Maßnahmen", summary)
        counts = self.counts()
        self.assertGreaterEqual(Measure.objects.filter(status=Status.PUBLISHED).count(), 30)
        self.assertGreaterEqual(Provider.objects.count(), 10)
        self.assertGreaterEqual(Offer.objects.filter(status=Status.PUBLISHED).count(), 20)
        self.assertGreaterEqual(LiteratureReference.objects.count(), 15)
        used = FieldOfAction.objects.filter(measures__status=Status.PUBLISHED).distinct()
        self.assertEqual(used.count(), 9)
        self.assertTrue(Contact.objects.filter(migranet_offers__isnull=False).exists())

        demo.seed()
        self.assertEqual(self.counts(), counts)

        munich = District.objects.get(official_key="09184")
        result = match(kind="sme", district=munich, fields_of_action=FieldOfAction.objects.all())
        self.assertEqual(len(result.measures), 10)
        self.assertTrue(result.offers)

    def counts(self):
        return (
            Measure.objects.count(),
            Offer.objects.count(),
            Provider.objects.count(),
            LiteratureReference.objects.count(),
            Contact.objects.count(),
            Measure.history.count(),
            Offer.history.count(),
            Provider.history.count(),
            LiteratureReference.history.count(),
        )


class DemoRoundTripTests(TestCase):
    def test_every_export_of_the_demo_catalogue_imports_again_unchanged(self):
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.urls import reverse

        from ikokmu.roles import Role
        from tests.factories import user_with_role

        seed_core()
        demo.seed()
        self.client.force_login(user_with_role(Role.PROJECT_TEAM))
        for entity in ["literatur", "traeger", "angebote", "massnahmen"]:
            for file_format in ["csv", "xlsx"]:
                with self.subTest(entity=entity, format=file_format):
                    export = self.client.get(
                        reverse("catalog:export", args=[entity]), {"format": file_format}
                    )
                    upload = SimpleUploadedFile(f"export.{file_format}", export.content)
                    response = self.client.post(
                        reverse("catalog:import", args=[entity]), {"file": upload}
                    )
                    preview = response.context["preview"]
                    self.assertEqual(preview["invalid_rows"], [])
                    self.assertEqual((preview["new"], preview["update"]), (0, 0))
                    self.assertGreater(preview["skip"], 0)


class DemoGoodPracticeTests(TestCase):
    def test_each_demo_example_links_the_measures_it_puts_into_practice(self):
        from interviews import demo as interview_demo
        from interviews.models import BestPractice

        seed_core()
        demo.seed()
        interview_demo.seed()
        expected = {
            "Bildkarten statt Handbuch in der Montage": {
                "Mehrsprachige Unterweisung im Arbeitsschutz",
                "Glossar der wichtigsten Fachbegriffe",
            },
            "Deutsch in der Arbeitszeit": {
                "Berufsbezogenes Deutsch am Arbeitsplatz",
                "Sprachtandems im Team",
            },
            "Patenschaften für die ersten drei Monate": {
                "Patenschaften für neue Kolleginnen und Kollegen",
                "Einarbeitungsplan mit Meilensteinen",
            },
        }

        def links():
            return {
                example.title: {measure.title for measure in example.measures.all()}
                for example in BestPractice.objects.prefetch_related("measures")
            }

        self.assertEqual(links(), expected)
        # A demo database seeded before the fix linked measures by alphabetical position; the
        # next start (seed_demo) puts the right ones in place.
        alphabetical = list(Measure.objects.order_by("title")[:6])
        for number, example in enumerate(BestPractice.objects.order_by("slug")):
            example.measures.set(alphabetical[2 * number : 2 * number + 2])
        interview_demo.seed()
        self.assertEqual(links(), expected)
