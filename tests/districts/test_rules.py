"""The database itself refuses records that break the districts' rules."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.test import TestCase

from districts.models import Activity, Contact, District, Organization
from tests.factories import ContactFactory, DistrictFactory, OrganizationFactory


class DatabaseRuleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.district = DistrictFactory(name="Landkreis Miesbach", official_key="09182")

    def assert_refused(self, create):
        with self.assertRaises(IntegrityError), transaction.atomic():
            create()

    def test_official_key_has_five_digits_and_is_unique(self):
        self.assert_refused(lambda: District.objects.create(name="X", official_key="9182"))
        self.assert_refused(lambda: District.objects.create(name="Y", official_key="09182"))

    def test_an_organisation_exists_once_per_name_and_postal_code_in_a_district(self):
        OrganizationFactory(district=self.district, name="Bergblick Hotel", postal_code="83714")
        self.assert_refused(
            lambda: OrganizationFactory(
                district=self.district, name="BERGBLICK HOTEL", postal_code="83714"
            )
        )
        other = DistrictFactory(name="Landkreis München", official_key="09184")
        OrganizationFactory(district=other, name="Bergblick Hotel", postal_code="83714")

    def test_only_a_kmu_has_sector_and_size_class(self):
        self.assert_refused(
            lambda: Organization.objects.create(
                district=self.district,
                name="Gemeinde Gmund",
                kind=Organization.Kind.MUNICIPALITY,
                sector="O",
            )
        )

    def test_postal_codes_have_five_digits(self):
        self.assert_refused(lambda: OrganizationFactory(district=self.district, postal_code="837"))

    def test_a_contact_email_is_unique_within_an_organisation_whatever_the_case(self):
        organization = OrganizationFactory(district=self.district)
        ContactFactory(organization=organization, email="a.huber@example.org")
        self.assert_refused(
            lambda: ContactFactory(organization=organization, email="A.Huber@example.org")
        )
        # Several people without an address are fine.
        ContactFactory(organization=organization, email="")
        ContactFactory(organization=organization, email="")

    def test_place_format_and_participants_belong_to_events_only(self):
        self.assert_refused(
            lambda: Activity.objects.create(
                district=self.district,
                kind=Activity.Kind.CALL,
                date=datetime.date(2026, 1, 1),
                title="Telefonat",
                participants=3,
            )
        )
        Activity.objects.create(
            district=self.district,
            kind=Activity.Kind.EVENT,
            date=datetime.date(2026, 1, 1),
            title="Fachtag",
            participants=40,
            place="Miesbach",
            format="in_person",
        )

    def test_a_district_with_organisations_cannot_be_deleted_by_accident(self):
        OrganizationFactory(district=self.district)
        with self.assertRaises(ProtectedError), transaction.atomic():
            self.district.delete()
        self.assertTrue(District.objects.filter(pk=self.district.pk).exists())
        self.assertEqual(Contact.objects.count(), 0)
