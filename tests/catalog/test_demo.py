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
