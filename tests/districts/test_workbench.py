"""The project team and district staff work with districts, organisations and contacts."""

import datetime

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from districts.models import Organization, StageChange
from ikokmu.roles import Role
from tests.factories import (
    ActivityFactory,
    ContactFactory,
    DistrictFactory,
    OrganizationFactory,
    user_with_role,
)


class DistrictPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.munich = DistrictFactory(name="Landkreis München", official_key="09184")
        cls.miesbach = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
        cls.project = user_with_role(Role.PROJECT_TEAM, username="projekt")
        cls.staff = user_with_role(Role.DISTRICT_STAFF, districts=[cls.munich], username="lra")

    def test_the_district_list_shows_stage_organisations_follow_ups_and_last_activity(self):
        OrganizationFactory(district=self.munich)
        OrganizationFactory(district=self.munich)
        ActivityFactory(
            district=self.munich,
            date=datetime.date(2026, 10, 1),
            follow_up_on=datetime.date(2026, 10, 15),
        )
        self.client.force_login(self.project)
        response = self.client.get(reverse("districts:list"), {"sort": "-organizations"})
        districts = list(response.context["districts"])
        self.assertEqual(districts[0], self.munich)
        self.assertEqual((districts[0].organization_count, districts[0].open_follow_ups), (2, 1))
        self.assertContains(response, "01.10.2026")

    def test_the_district_list_is_filtered_by_stage(self):
        self.client.force_login(self.project)
        self.miesbach.stage = "event_held"
        self.miesbach.save()
        response = self.client.get(reverse("districts:list"), {"stage": "event_held"})
        self.assertEqual(list(response.context["districts"]), [self.miesbach])

    def add_records(self, count):
        for _ in range(count):
            organization = OrganizationFactory(district=self.munich)
            ContactFactory(organization=organization)
            activity = ActivityFactory(
                district=self.munich,
                follow_up_on=datetime.date.today(),
                follow_up_owner=self.project,
            )
            activity.organizations.add(organization)

    def test_list_pages_run_a_constant_number_of_queries(self):
        self.client.force_login(self.project)
        self.add_records(1)
        pages = [
            reverse("districts:list"),
            reverse("districts:organization_list", args=[self.munich.pk]),
            reverse("districts:detail", args=[self.munich.pk]),
            reverse("districts:follow_ups"),
        ]
        counts = {}
        for page in pages:
            with CaptureQueriesContext(connection) as queries:
                self.client.get(page)
            counts[page] = len(queries)
        self.add_records(15)
        for page in pages:
            with self.assertNumQueries(counts[page]):
                self.client.get(page)

    def test_district_staff_see_only_their_districts_in_the_list(self):
        self.client.force_login(self.staff)
        response = self.client.get(reverse("districts:list"))
        self.assertEqual(list(response.context["districts"]), [self.munich])

    def test_the_team_moves_a_district_to_the_next_stage_and_the_path_is_kept(self):
        self.client.force_login(self.project)
        self.client.post(
            reverse("districts:stage", args=[self.munich.pk]),
            {"stage": "talk_held", "note": "Gespräch mit dem Landrat"},
        )
        self.munich.refresh_from_db()
        self.assertEqual(self.munich.stage, "talk_held")
        change = StageChange.objects.get()
        self.assertEqual(
            (change.changed_by, change.note), (self.project, "Gespräch mit dem Landrat")
        )
        page = self.client.get(reverse("districts:detail", args=[self.munich.pk]))
        self.assertContains(page, "Gespräch mit dem Landrat")

    def test_district_staff_add_a_kmu_to_their_list(self):
        self.client.force_login(self.staff)
        response = self.client.post(
            reverse("districts:organization_create", args=[self.munich.pk]),
            {
                "name": "Isar Zimmerei",
                "kind": "sme",
                "district": self.munich.pk,
                "postal_code": "82024",
                "city": "Taufkirchen",
                "sector": "F",
                "size_class": "1-9",
            },
        )
        organization = Organization.objects.get(name="Isar Zimmerei")
        self.assertRedirects(
            response, reverse("districts:organization_detail", args=[organization.pk])
        )
        page = self.client.get(response["Location"])
        self.assertContains(page, "angelegt")  # the history box names the creation

    def test_district_staff_cannot_put_an_organisation_into_another_district(self):
        self.client.force_login(self.staff)
        response = self.client.post(
            reverse("districts:organization_create", args=[self.munich.pk]),
            {"name": "Fremdfirma", "kind": "sme", "district": self.miesbach.pk},
        )
        self.assertContains(response, "Bitte eine gültige Auswahl treffen")
        self.assertContains(response, 'value="Fremdfirma"')
        self.assertFalse(Organization.objects.filter(name="Fremdfirma").exists())

    def test_a_municipality_with_a_sector_gets_a_german_message_next_to_the_field(self):
        self.client.force_login(self.project)
        response = self.client.post(
            reverse("districts:organization_create", args=[self.munich.pk]),
            {
                "name": "Gemeinde Haar",
                "kind": "municipality",
                "district": self.munich.pk,
                "sector": "O",
                "postal_code": "855",
            },
        )
        self.assertContains(response, "Branche und Größenklasse gibt es nur für KMU.")
        self.assertContains(response, "fünfstellige Postleitzahl")

    def test_every_change_to_an_organisation_is_in_its_history(self):
        organization = OrganizationFactory(district=self.munich, name="Alpen Logistik")
        self.client.force_login(self.project)
        data = {
            "name": "Alpen Logistik GmbH",
            "kind": "sme",
            "district": self.munich.pk,
            "postal_code": organization.postal_code,
            "city": "Haar",
            "sector": "H",
            "size_class": "50-249",
        }
        self.client.post(reverse("districts:organization_edit", args=[organization.pk]), data)
        page = self.client.get(reverse("districts:organization_detail", args=[organization.pk]))
        history = page.context["history"]
        self.assertEqual(history[0]["who"], self.project)
        self.assertIn("Name", history[0]["changes"])
        self.assertIn("Größenklasse", history[0]["changes"])


class SearchAndFollowUpTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.munich = DistrictFactory(name="Landkreis München", official_key="09184")
        cls.miesbach = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
        cls.project = user_with_role(Role.PROJECT_TEAM, username="projekt")
        cls.colleague = user_with_role(Role.PROJECT_TEAM, username="kollegin")
        cls.staff = user_with_role(Role.DISTRICT_STAFF, districts=[cls.munich], username="lra")
        cls.bakery = OrganizationFactory(
            district=cls.munich, name="Bäckerei Größlinger", city="Unterföhring"
        )
        ContactFactory(
            organization=cls.bakery,
            first_name="Jürgen",
            last_name="Müller",
            email="j.mueller@example.org",
        )
        OrganizationFactory(district=cls.miesbach, name="Müller Brauerei", city="Miesbach")

    def search(self, user, query):
        self.client.force_login(user)
        return self.client.get(reverse("districts:search"), {"q": query}).context["results"]

    def test_search_forgives_umlauts_and_case(self):
        for query in ["größlinger", "GROESSLINGER", "grosslinger", "unterfohring"]:
            with self.subTest(query=query):
                self.assertEqual(self.search(self.project, query)["organizations"], [self.bakery])
        people = self.search(self.project, "mueller")["contacts"]
        self.assertEqual([c.last_name for c in people], ["Müller"])

    def test_search_finds_by_email(self):
        self.assertEqual(len(self.search(self.project, "j.mueller@example")["contacts"]), 1)

    def test_district_staff_search_only_their_own_districts(self):
        names = [o.name for o in self.search(self.staff, "müller")["organizations"]]
        self.assertNotIn("Müller Brauerei", names)
        self.assertEqual(len(self.search(self.project, "müller")["organizations"]), 1)

    def test_follow_ups_due_are_listed_mine_first(self):
        today = datetime.date.today()
        ActivityFactory(
            district=self.munich,
            title="Fremde, älter",
            follow_up_on=today - datetime.timedelta(days=9),
            follow_up_owner=self.colleague,
        )
        ActivityFactory(
            district=self.munich,
            title="Meine",
            follow_up_on=today - datetime.timedelta(days=1),
            follow_up_owner=self.project,
        )
        ActivityFactory(
            district=self.munich,
            title="Später",
            follow_up_on=today + datetime.timedelta(days=5),
            follow_up_owner=self.project,
        )
        self.client.force_login(self.project)
        response = self.client.get(reverse("districts:follow_ups"))
        self.assertEqual(
            [a.title for a in response.context["follow_ups"]], ["Meine", "Fremde, älter"]
        )
        mine = response.context["follow_ups"][0]
        self.client.post(reverse("districts:follow_up_done", args=[mine.pk]))
        response = self.client.get(reverse("districts:follow_ups"))
        self.assertEqual([a.title for a in response.context["follow_ups"]], ["Fremde, älter"])


class DistrictStaffFollowUpTests(TestCase):
    """District staff see the due follow-ups of their districts, from the start page's count to
    the filtered list, and mark them done; the talk behind one stays the team's to edit."""

    @classmethod
    def setUpTestData(cls):
        cls.munich = DistrictFactory(name="Landkreis München", official_key="09184")
        cls.miesbach = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
        cls.staff = user_with_role(Role.DISTRICT_STAFF, districts=[cls.munich], username="lra")
        cls.project = user_with_role(Role.PROJECT_TEAM, username="projekt")
        yesterday = datetime.date.today() - datetime.timedelta(days=1)
        cls.due = ActivityFactory(
            district=cls.munich, title="Rückruf Wirtschaftsförderung", follow_up_on=yesterday
        )
        cls.foreign = ActivityFactory(
            district=cls.miesbach, title="Rückruf Miesbach", follow_up_on=yesterday
        )

    def setUp(self):
        self.client.force_login(self.staff)

    def test_the_start_page_count_leads_to_the_districts_follow_ups(self):
        start = self.client.get(reverse("dashboard"))
        url = reverse("districts:follow_ups") + f"?landkreis={self.munich.pk}"
        self.assertContains(start, f'href="{url}"')
        page = self.client.get(url)
        self.assertContains(page, "Wiedervorlagen: Landkreis München")
        self.assertEqual(page.context["follow_ups"], [self.due])
        # The talk is named, not offered for editing.
        self.assertContains(page, "Rückruf Wirtschaftsförderung")
        self.assertNotContains(page, reverse("districts:activity_edit", args=[self.due.pk]))

    def test_staff_never_see_or_close_another_districts_follow_ups(self):
        page = self.client.get(reverse("districts:follow_ups"))
        self.assertEqual(page.context["follow_ups"], [self.due])
        other = self.client.get(reverse("districts:follow_ups"), {"landkreis": self.miesbach.pk})
        self.assertEqual(other.status_code, 404)
        refused = self.client.post(reverse("districts:follow_up_done", args=[self.foreign.pk]))
        self.assertEqual(refused.status_code, 404)
        self.foreign.refresh_from_db()
        self.assertFalse(self.foreign.follow_up_done)

    def test_staff_mark_a_follow_up_done_and_return_to_the_filtered_list(self):
        response = self.client.post(
            reverse("districts:follow_up_done", args=[self.due.pk]), {"landkreis": self.munich.pk}
        )
        self.assertRedirects(
            response, reverse("districts:follow_ups") + f"?landkreis={self.munich.pk}"
        )
        self.due.refresh_from_db()
        self.assertTrue(self.due.follow_up_done)

    def test_the_team_still_edits_the_talk_from_the_list(self):
        self.client.force_login(self.project)
        page = self.client.get(reverse("districts:follow_ups"))
        self.assertContains(page, reverse("districts:activity_edit", args=[self.due.pk]))


class OrganizationListTests(TestCase):
    """District staff sort their organisation list by any column, read sector and size in
    words, and reset the filters with one link; the page runs the same queries for any order."""

    @classmethod
    def setUpTestData(cls):
        cls.district = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
        cls.staff = user_with_role(Role.DISTRICT_STAFF, districts=[cls.district], username="lra")
        for name, city, sector, size in [
            ("Zimmerei Alpenholz", "Tegernsee", "F", "10-49"),
            ("Autohaus Berger", "Miesbach", "G", "50-249"),
            ("Metallbau Huber", "Holzkirchen", "C", "250+"),
            ("Bäckerei Ost", "Hausham", "C", "1-9"),
        ]:
            OrganizationFactory(
                district=cls.district,
                name=name,
                city=city,
                kind="sme",
                sector=sector,
                size_class=size,
            )

    def setUp(self):
        self.client.force_login(self.staff)

    def names(self, **params):
        url = reverse("districts:organization_list", args=[self.district.pk])
        return [o.name for o in self.client.get(url, params).context["organizations"]]

    def test_every_column_sorts_both_ways(self):
        self.assertEqual(
            self.names(sort="size"),
            ["Bäckerei Ost", "Zimmerei Alpenholz", "Autohaus Berger", "Metallbau Huber"],
        )
        self.assertEqual(self.names(sort="-size")[0], "Metallbau Huber")
        self.assertEqual(self.names(sort="place")[0], "Bäckerei Ost")  # Hausham
        self.assertEqual(self.names(sort="-name")[0], "Zimmerei Alpenholz")
        self.assertEqual(self.names(sort="sector")[:2], ["Bäckerei Ost", "Metallbau Huber"])
        self.assertEqual(self.names(sort="unbekannt")[0], "Autohaus Berger")

    def test_headers_say_the_order_and_keep_the_filters(self):
        url = reverse("districts:organization_list", args=[self.district.pk])
        page = self.client.get(url, {"sector": "C", "sort": "name"})
        self.assertContains(page, 'aria-sort="ascending"><a href="?sector=C&amp;sort=-name">')
        self.assertContains(page, 'aria-sort="none"><a href="?sector=C&amp;sort=size">')
        self.assertContains(page, "C – Verarbeitendes Gewerbe")
        self.assertContains(page, "250 und mehr Beschäftigte")
        self.assertContains(page, f'href="{url}">Filter zurücksetzen</a>')
        self.assertNotContains(self.client.get(url), "Filter zurücksetzen")

    def test_the_list_runs_the_same_queries_for_every_order(self):
        url = reverse("districts:organization_list", args=[self.district.pk])
        counts = set()
        for sort in ["name", "-size", "contacts", "-place"]:
            with CaptureQueriesContext(connection) as queries:
                self.client.get(url, {"sort": sort})
            counts.add(len(queries))
        self.assertEqual(len(counts), 1)
