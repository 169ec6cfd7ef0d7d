"""The project team edits measures, offers, providers and literature in the browser; every save
leaves one entry in the history shown on the record's page."""

import re

from django.test import TestCase
from django.urls import reverse

from catalog.models import LiteratureReference, Measure, Offer, Provider, Status
from ikokmu.roles import Role
from tests.catalog.factories import (
    ContactFactory,
    MeasureFactory,
    OfferFactory,
    ProviderFactory,
    ReferenceFactory,
    field,
)
from tests.factories import DistrictFactory, user_with_role

REQUIRED = "Dieses Feld ist zwingend erforderlich."


def measure_data(**changes):
    data = {
        "title": "Patenschaften für neue Kolleg*innen",
        "summary": "Erfahrene Beschäftigte begleiten Neue durch die ersten Monate.",
        "description": "Tandems treffen sich wöchentlich.",
        "fields_of_action": [field("onboarding").pk],
        "target_kinds": ["sme", "municipality"],
        "audiences": ["staff", "newcomers"],
        "levels": ["personnel_development"],
        "effort": "low",
        "effort_person_days": "3",
        "typical_duration": "6 Monate",
        "status": "published",
    }
    data.update(changes)
    return data


class MeasureEditingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.team = user_with_role(Role.PROJECT_TEAM, first_name="Miriam", last_name="Hofstetter")
        cls.offer = OfferFactory(title="Mentoring-Beratung")
        cls.reference = ReferenceFactory(title="Handbuch Einarbeitung", authors="Roth, Ben")

    def setUp(self):
        self.client.force_login(self.team)

    def test_team_creates_a_measure_with_offers_and_a_new_reference_on_one_page(self):
        response = self.client.post(
            reverse("catalog:measure_create"),
            measure_data(
                offers=[self.offer.pk],
                references=[self.reference.pk],
                **{
                    "new_reference-authors": "Schader-Stiftung (Hg.)",
                    "new_reference-year": "2011",
                    "new_reference-title": "Integrationspotenziale in kleinen Städten",
                },
            ),
        )
        measure = Measure.objects.get()
        self.assertRedirects(response, reverse("catalog:measure_detail", args=[measure.slug]))
        self.assertEqual(measure.slug, "patenschaften-fuer-neue-kolleginnen")
        self.assertEqual(measure.target_kinds, ["municipality", "sme"])  # in the choices' order
        self.assertEqual(list(measure.offers.all()), [self.offer])
        self.assertCountEqual(
            [r.title for r in measure.references.all()],
            ["Handbuch Einarbeitung", "Integrationspotenziale in kleinen Städten"],
        )
        self.assertEqual(measure.history.count(), 1)
        page = self.client.get(measure.get_absolute_url())
        self.assertContains(page, "Mentoring-Beratung")
        self.assertContains(page, "Schader-Stiftung (Hg.) (2011): Integrationspotenziale")
        self.assertContains(page, "Änderungsverlauf")

    def test_each_save_writes_one_history_entry_naming_the_changed_fields(self):
        self.client.post(reverse("catalog:measure_create"), measure_data())
        measure = Measure.objects.get()
        self.client.post(
            reverse("catalog:measure_update", args=[measure.pk]),
            measure_data(title="Patenschaften im Betrieb", offers=[self.offer.pk]),
        )
        self.assertEqual(measure.history.count(), 2)
        measure.refresh_from_db()
        self.assertEqual(measure.title, "Patenschaften im Betrieb")
        self.assertEqual(measure.slug, "patenschaften-fuer-neue-kolleginnen")  # links stay
        page = self.client.get(measure.get_absolute_url())
        self.assertContains(
            page,
            "geändert: Titel („Patenschaften für neue Kolleg*innen“ → „Patenschaften im "
            "Betrieb“), MigraNet-Angebote",
        )
        self.assertContains(page, "Miriam Hofstetter")
        # The edit page shows the same history before the next change.
        edit = self.client.get(reverse("catalog:measure_update", args=[measure.pk]))
        self.assertContains(edit, "Änderungsverlauf")
        self.assertContains(edit, "„Patenschaften im Betrieb“")

    def test_saving_without_changes_adds_no_history_entry(self):
        self.client.post(reverse("catalog:measure_create"), measure_data())
        measure = Measure.objects.get()
        self.client.post(reverse("catalog:measure_update", args=[measure.pk]), measure_data())
        self.assertEqual(measure.history.count(), 1)

    def test_saving_a_list_stored_in_another_order_unchanged_adds_no_history_entry(self):
        # Demo data and older imports stored target kinds in their own order; the form sends
        # them in the order of its checkboxes.
        kinds = ["sme", "municipality", "district_office"]
        self.client.post(reverse("catalog:measure_create"), measure_data(target_kinds=kinds))
        measure = Measure.objects.get()
        Measure.objects.update(target_kinds=kinds)
        Measure.history.update(target_kinds=kinds)
        url = reverse("catalog:measure_update", args=[measure.pk])
        self.client.post(url, measure_data(target_kinds=["district_office", "municipality", "sme"]))
        self.assertEqual(measure.history.count(), 1)
        self.assertNotContains(self.client.get(measure.get_absolute_url()), "geändert")

    def test_the_history_shows_old_and_new_value_of_short_fields(self):
        self.client.post(reverse("catalog:measure_create"), measure_data())
        measure = Measure.objects.get()
        self.client.post(
            reverse("catalog:measure_update", args=[measure.pk]),
            measure_data(
                effort="high",
                effort_person_days="2.5",
                target_kinds=["sme"],
                description="Tandems treffen sich monatlich.",
            ),
        )
        page = self.client.get(measure.get_absolute_url())
        self.assertContains(
            page,
            "geändert: Beschreibung, Zielgruppen (Organisationsarten) (Kommune, KMU → KMU), "
            "Aufwand (gering → hoch), Aufwand in Personentagen (Schätzung) (3,0 → 2,5)",
        )

    def test_bad_input_shows_german_messages_and_keeps_what_was_typed(self):
        response = self.client.post(
            reverse("catalog:measure_create"),
            measure_data(
                title="Sprachtandems",
                fields_of_action=[],
                effort_person_days="0",
                **{"new_reference-year": "1650"},
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Bitte mindestens ein Handlungsfeld wählen.")
        self.assertContains(response, "Dieser Wert muss größer oder gleich 0,5 sein.")
        self.assertContains(response, "Für eine neue Literaturangabe bitte ausfüllen.")
        self.assertContains(response, 'value="Sprachtandems"')
        self.assertFalse(Measure.objects.exists())

    def test_the_effort_radios_offer_only_real_efforts(self):
        page = self.client.get(reverse("catalog:measure_create")).content.decode()
        efforts = re.findall(r'name="effort" value="([^"]*)"', page)
        self.assertEqual(efforts, ["low", "medium", "high"])
        self.assertNotIn("bitte auswählen", page.split('name="effort"', 1)[1][:2000])
        response = self.client.post(reverse("catalog:measure_create"), measure_data(effort=""))
        self.assertEqual(response.context["form"].errors["effort"], [REQUIRED])
        self.assertFalse(Measure.objects.exists())

    def test_a_quiet_new_reference_form_is_ignored(self):
        self.client.post(reverse("catalog:measure_create"), measure_data())
        self.assertEqual(LiteratureReference.objects.count(), 1)  # only the one from setUp

    def test_the_public_and_other_roles_cannot_edit(self):
        measure = MeasureFactory()
        url = reverse("catalog:measure_update", args=[measure.pk])
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 302)
        self.client.force_login(user_with_role(Role.INTERVIEW_TEAM))
        self.assertEqual(self.client.post(url, measure_data()).status_code, 403)
        measure.refresh_from_db()
        self.assertNotEqual(measure.title, measure_data()["title"])


class OfferAndProviderEditingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.team = user_with_role(Role.PROJECT_TEAM)
        cls.provider = ProviderFactory(name="Netzwerk Anerkennung Oberbayern")
        cls.district = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
        cls.contact = ContactFactory(first_name="Aylin", last_name="Demir")

    def setUp(self):
        self.client.force_login(self.team)

    def offer_data(self, **changes):
        data = {
            "provider": self.provider.pk,
            "title": "Anerkennung für Betriebe",
            "offer_type": "recognition_counselling",
            "description": "Wir begleiten Betriebe durch das Anerkennungsverfahren.",
            "fields_of_action": [field("anerkennung").pk],
            "target_kinds": ["sme"],
            "serves_all_bavaria": "",
            "districts": [self.district.pk],
            "contacts": [self.contact.pk],
            "status": "published",
        }
        data.update(changes)
        return data

    def test_team_creates_an_offer_for_one_district(self):
        response = self.client.post(reverse("catalog:offer_create"), self.offer_data())
        offer = Offer.objects.get()
        self.assertRedirects(response, offer.get_absolute_url())
        self.assertEqual(list(offer.districts.all()), [self.district])
        self.assertEqual(list(offer.contacts.all()), [self.contact])
        self.assertEqual(offer.history.count(), 1)
        self.assertContains(self.client.get(offer.get_absolute_url()), "Aylin Demir")
        edit = self.client.get(reverse("catalog:offer_update", args=[offer.pk]))
        self.assertContains(edit, "Änderungsverlauf")

    def test_an_offer_needs_a_region_and_a_sensible_period(self):
        response = self.client.post(
            reverse("catalog:offer_create"),
            self.offer_data(districts=[], valid_from="2026-05-01", valid_until="2026-04-01"),
        )
        self.assertContains(response, "Bitte mindestens einen Landkreis wählen")
        self.assertContains(response, "„gültig bis“ darf nicht vor „gültig ab“ liegen.")
        self.assertFalse(Offer.objects.exists())

    def test_the_empty_prompt_of_a_required_select_is_refused_in_german(self):
        response = self.client.post(
            reverse("catalog:offer_create"), self.offer_data(provider="", offer_type="")
        )
        errors = response.context["form"].errors
        self.assertEqual(errors["provider"], [REQUIRED])
        self.assertEqual(errors["offer_type"], [REQUIRED])
        self.assertFalse(Offer.objects.exists())

    def test_a_provider_name_is_unique_whatever_the_case(self):
        response = self.client.post(
            reverse("catalog:provider_create"),
            {
                "name": "netzwerk anerkennung oberbayern",
                "kind": "partner",
                "serves_all_bavaria": "on",
            },
        )
        self.assertContains(response, "Einen Träger mit diesem Namen gibt es schon.")
        self.assertEqual(Provider.objects.count(), 1)

    def test_a_new_offer_starts_with_the_providers_regions(self):
        self.provider.serves_all_bavaria = False
        self.provider.save()
        self.provider.districts.set([self.district])
        response = self.client.get(reverse("catalog:offer_create"), {"provider": self.provider.pk})
        form = response.context["form"]
        self.assertEqual(form.initial["provider"], self.provider)
        self.assertFalse(form.initial["serves_all_bavaria"])


class VisibilityTests(TestCase):
    """Only published entries are public; the team sees drafts, marked as such."""

    @classmethod
    def setUpTestData(cls):
        cls.published = MeasureFactory(title="Öffentliche Maßnahme")
        cls.draft = MeasureFactory(title="Geheimer Entwurf", status=Status.DRAFT)
        cls.draft_offer = OfferFactory(title="Entwurfsangebot", status=Status.DRAFT)
        cls.published.offers.set([cls.draft_offer])
        cls.team = user_with_role(Role.PROJECT_TEAM)
        cls.staff = user_with_role(Role.DISTRICT_STAFF)

    def test_drafts_are_invisible_to_the_public_and_other_roles(self):
        for user in [None, self.staff]:
            with self.subTest(user=user):
                self.client.logout()
                if user:
                    self.client.force_login(user)
                listing = self.client.get(reverse("catalog:measure_list"))
                self.assertContains(listing, "Öffentliche Maßnahme")
                self.assertNotContains(listing, "Geheimer Entwurf")
                self.assertEqual(self.client.get(self.draft.get_absolute_url()).status_code, 404)
                self.assertEqual(
                    self.client.get(self.draft_offer.get_absolute_url()).status_code, 404
                )
                page = self.client.get(self.published.get_absolute_url())
                self.assertNotContains(page, "Entwurfsangebot")
                offers = self.client.get(reverse("catalog:offer_list"))
                self.assertNotContains(offers, "Entwurfsangebot")

    def test_the_team_sees_drafts_marked_as_drafts(self):
        self.client.force_login(self.team)
        listing = self.client.get(reverse("catalog:measure_list"), {"status": "draft"})
        self.assertContains(listing, "Geheimer Entwurf")
        self.assertNotContains(listing, "Öffentliche Maßnahme")
        self.assertContains(self.client.get(self.draft.get_absolute_url()), "Entwurf")
        self.assertContains(self.client.get(self.published.get_absolute_url()), "Entwurfsangebot")

    def test_the_public_status_filter_is_ignored(self):
        listing = self.client.get(reverse("catalog:measure_list"), {"status": "draft"})
        self.assertNotContains(listing, "Geheimer Entwurf")


class ListQueryCountTests(TestCase):
    """Catalogue pages run a constant number of queries whatever the number of rows."""

    @classmethod
    def setUpTestData(cls):
        cls.district = DistrictFactory(name="Landkreis München", official_key="09184")
        cls.team = user_with_role(Role.PROJECT_TEAM)

    def add_rows(self, n):
        for _i in range(n):
            offer = OfferFactory(
                fields_of_action=[field("sprache"), field("onboarding")],
                serves_all_bavaria=False,
                districts=[self.district],
                contacts=[ContactFactory()],
            )
            MeasureFactory(
                title=f"Sprachförderung {_i}",
                fields_of_action=[field("sprache"), field("onboarding")],
                offers=[offer],
                references=[ReferenceFactory()],
            )

    def count(self, url, params=None):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url, params or {})
        self.assertEqual(response.status_code, 200)
        return len(queries.captured_queries)

    def test_lists_detail_pages_and_match_run_constant_queries(self):
        self.add_rows(2)
        measure = Measure.objects.first()
        offer = Offer.objects.first()
        pages = [
            (reverse("catalog:measure_list"), None),
            (reverse("catalog:measure_list"), {"q": "Sprachförderung", "field": "sprache"}),
            (reverse("catalog:offer_list"), {"district": self.district.pk}),
            (reverse("catalog:offer_list"), {"q": "Angebot"}),
            (measure.get_absolute_url(), None),
            (offer.get_absolute_url(), None),
            (reverse("catalog:match"), {"kind": "sme", "district": self.district.pk}),
        ]
        for anonymous in (True, False):
            if not anonymous:
                self.client.force_login(self.team)
            before = [self.count(url, params) for url, params in pages]
            self.add_rows(8)
            after = [self.count(url, params) for url, params in pages]
            self.assertEqual(before, after, f"anonymous={anonymous}")
        self.client.force_login(self.team)
        for name in ("catalog:provider_list", "catalog:reference_list"):
            before = self.count(reverse(name))
            self.add_rows(5)
            self.assertEqual(before, self.count(reverse(name)), name)


class MeasureSectionTests(TestCase):
    """Other apps (the interview study's best-practice examples) add sections to the page."""

    def test_a_registered_section_appears_on_the_measure_page(self):
        from catalog.sections import (
            MeasureSection,
            register_measure_section,
            unregister_measure_section,
        )

        measure = MeasureFactory(title="Patenschaften")
        section = MeasureSection(
            "catalog/includes/history.html",
            lambda m, request: {"title": m.title} if m.pk == measure.pk else {},
        )
        register_measure_section(section)
        self.addCleanup(unregister_measure_section, section)
        response = self.client.get(measure.get_absolute_url())
        self.assertEqual(
            response.context["sections"],
            [{"template": "catalog/includes/history.html", "data": {"title": "Patenschaften"}}],
        )
        other = MeasureFactory(title="Glossar")
        self.assertEqual(self.client.get(other.get_absolute_url()).context["sections"], [])
