"""Personal data of contact persons: access (Art. 15), erasure (Art. 17), deletion dates."""

import datetime
import io
import json

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from districts.models import Activity, Contact
from districts.services import contacts_erase_expired
from ikokmu.models import AuditEvent
from ikokmu.roles import Role
from tests.factories import ActivityFactory, ContactFactory, OrganizationFactory, user_with_role


class PersonalDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.project = user_with_role(Role.PROJECT_TEAM, username="projekt")
        cls.organization = OrganizationFactory(name="Alpen Metallbau")
        cls.contact = ContactFactory(
            organization=cls.organization,
            first_name="Jörg",
            last_name="Weiß",
            email="j.weiss@alpen.example",
            phone="08025 1234",
        )
        cls.activity = ActivityFactory(
            district=cls.organization.district,
            title="Erstgespräch",
            summary="Interesse an Sprachkursen",
        )
        cls.activity.contacts.add(cls.contact)

    def setUp(self):
        self.client.force_login(self.project)

    def test_the_team_exports_everything_stored_about_a_person(self):
        response = self.client.get(reverse("districts:contact_data_export", args=[self.contact.pk]))
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        data = json.loads(response.content)
        self.assertEqual(data["person"]["last_name"], "Weiß")
        self.assertEqual(data["person"]["phone"], "08025 1234")
        self.assertEqual(data["activities"][0]["title"], "Erstgespräch")
        self.assertTrue(data["history"])
        self.assertTrue(AuditEvent.objects.filter(kind="export").exists())

    def test_erasing_a_person_removes_them_everywhere_but_keeps_the_talk(self):
        page = self.client.post(
            reverse("districts:contact_erase", args=[self.contact.pk]),
            {"confirm": "on", "reason": "Widerspruch"},
            follow=True,
        )
        self.assertContains(page, "Die Person wurde gelöscht")
        self.assertFalse(Contact.objects.filter(pk=self.contact.pk).exists())
        self.assertFalse(Contact.history.filter(id=self.contact.pk).exists())
        activity = Activity.objects.get(pk=self.activity.pk)
        self.assertEqual(activity.summary, "Interesse an Sprachkursen")
        self.assertEqual(activity.contacts.count(), 0)
        self.assertTrue(AuditEvent.objects.filter(kind="deletion").exists())

    def test_erasure_needs_a_confirmation(self):
        response = self.client.post(
            reverse("districts:contact_erase", args=[self.contact.pk]), {"reason": "versehentlich"}
        )
        self.assertContains(response, "Dieses Feld ist zwingend erforderlich.")
        self.assertTrue(Contact.objects.filter(pk=self.contact.pk).exists())

    def test_contacts_past_their_deletion_date_are_erased_on_a_fixed_day(self):
        expired = ContactFactory(
            organization=self.organization, delete_after=datetime.date(2026, 6, 30)
        )
        due_today = ContactFactory(
            organization=self.organization, delete_after=datetime.date(2026, 7, 1)
        )
        erased = contacts_erase_expired(today=datetime.date(2026, 7, 1))
        self.assertEqual(erased, 1)
        self.assertFalse(Contact.objects.filter(pk=expired.pk).exists())
        self.assertTrue(Contact.objects.filter(pk=due_today.pk).exists())
        self.assertTrue(Contact.objects.filter(pk=self.contact.pk).exists())

    def test_the_management_command_erases_what_is_overdue_today(self):
        ContactFactory(organization=self.organization, delete_after=datetime.date(2000, 1, 1))
        call_command("erase_expired_contacts", stdout=io.StringIO())
        self.assertEqual(Contact.objects.count(), 1)
