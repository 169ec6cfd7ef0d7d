"""Factories for the catalogue's tests."""

import datetime

import factory

from catalog.models import (
    Effort,
    FieldOfAction,
    LiteratureReference,
    Measure,
    Offer,
    OfferType,
    Provider,
    Status,
)
from districts.models import Contact, Organization
from tests.factories import DistrictFactory


def field(slug: str) -> FieldOfAction:
    """One of the nine fields of action the migration creates."""
    return FieldOfAction.objects.get(slug=slug)


class ReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LiteratureReference

    authors = "Beispiel-Stiftung (Hg.)"
    year = factory.Sequence(lambda n: 2000 + n % 25)
    title = factory.Sequence(lambda n: f"Studie zur Vielfalt Nr. {n}")
    publisher = "Eigenverlag"


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Träger {n}")
    kind = Provider.Kind.PARTNER
    serves_all_bavaria = True


class MigranetOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"MigraNet-Partner {n}")
    kind = Organization.Kind.MIGRANET_PARTNER
    district = factory.SubFactory(DistrictFactory)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    organization = factory.SubFactory(MigranetOrganizationFactory)
    first_name = "Lena"
    last_name = factory.Sequence(lambda n: f"Beraterin{n}")
    email = factory.Sequence(lambda n: f"beratung{n}@migranet.example")
    legal_basis = Contact.LegalBasis.CONSENT
    legal_basis_date = datetime.date(2026, 1, 15)


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer
        skip_postgeneration_save = True

    provider = factory.SubFactory(ProviderFactory)
    title = factory.Sequence(lambda n: f"Angebot {n}")
    slug = factory.Sequence(lambda n: f"angebot-{n}")
    offer_type = OfferType.EMPLOYER_ADVICE
    description = "Beratung für Betriebe."
    status = Status.PUBLISHED
    serves_all_bavaria = True

    @factory.post_generation
    def fields_of_action(self, create, extracted, **kwargs):
        if create and extracted:
            self.fields_of_action.set(extracted)

    @factory.post_generation
    def districts(self, create, extracted, **kwargs):
        if create and extracted:
            self.districts.set(extracted)

    @factory.post_generation
    def contacts(self, create, extracted, **kwargs):
        if create and extracted:
            self.contacts.set(extracted)


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Maßnahme {n}")
    slug = factory.Sequence(lambda n: f"massnahme-{n}")
    summary = "Eine kurze Beschreibung."
    effort = Effort.MEDIUM
    status = Status.PUBLISHED

    @factory.post_generation
    def fields_of_action(self, create, extracted, **kwargs):
        if create and extracted:
            self.fields_of_action.set(extracted)

    @factory.post_generation
    def offers(self, create, extracted, **kwargs):
        if create and extracted:
            self.offers.set(extracted)

    @factory.post_generation
    def references(self, create, extracted, **kwargs):
        if create and extracted:
            self.references.set(extracted)
