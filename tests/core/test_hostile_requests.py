"""Hostile requests the probe of issue 14 sent get an answer, not a server error: NUL in query
strings, forged form-set counts, questionnaires nested 100,000 deep, and return addresses
that lead off the site."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from consulting import services as consulting_services
from consulting.models import NextStep, Session
from ikokmu.roles import Role
from surveys.models import Questionnaire
from tests.factories import DistrictFactory, OrganizationFactory, user_with_role


class NulInQueryStringTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.team = user_with_role(Role.PROJECT_TEAM)
        OrganizationFactory(district=DistrictFactory(), name="Brauerei Miesbach")

    def test_nul_in_the_search_the_stage_filter_and_the_brochure_field_is_no_server_error(self):
        self.client.force_login(self.team)
        for url in (
            "/landkreise/suche/?q=%00",
            "/landkreise/suche/?q=Mies%00bach",
            "/landkreise/?stage=%00",
            "/landkreise/?%00=1&sort=%00",
            "/katalog/broschuere.pdf?field=%00",
        ):
            with self.subTest(url):
                self.assertLess(self.client.get(url).status_code, 500)

    def test_the_search_still_finds_what_surrounds_the_nul(self):
        self.client.force_login(self.team)
        response = self.client.get("/landkreise/suche/?q=Mies%00bach")
        self.assertContains(response, "Brauerei Miesbach")


class ConsultingSessionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.adviser = user_with_role(Role.PROJECT_TEAM, username="beraterin")
        cls.case = consulting_services.case_create(
            organization=OrganizationFactory(name="Isar Zimmerei Öttl"),
            title="Einarbeitung verbessern",
            advisers=[cls.adviser],
            start_date=datetime.date(2026, 3, 2),
            user=cls.adviser,
        )
        session = Session.objects.create(
            case=cls.case, date=datetime.date(2026, 3, 9), duration_hours=2
        )
        cls.step = NextStep.objects.create(
            case=cls.case,
            session=session,
            description="Leitfaden entwerfen",
            due_on=datetime.date(2026, 3, 20),
        )

    def setUp(self):
        self.client.force_login(self.adviser)

    def test_a_forged_count_of_next_steps_builds_no_more_than_the_cap(self):
        response = self.client.post(
            reverse("consulting:session_create", args=[self.case.pk]),
            {
                "date": "2026-03-16",
                "steps-TOTAL_FORMS": "99999999999999999999",
                "steps-INITIAL_FORMS": "0",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertLess(len(response.content), 300_000)
        self.assertContains(response, "höchstens 30")
        self.assertEqual(Session.objects.filter(case=self.case).count(), 1)

    def test_a_return_address_off_the_site_leads_back_to_the_case(self):
        url = reverse("consulting:next_step_done", args=[self.case.pk, self.step.pk])
        case_url = reverse("consulting:case_detail", args=[self.case.pk]) + "#naechste-schritte"
        for target in (
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example/",
            "javascript:alert(1)",
        ):
            with self.subTest(target):
                response = self.client.post(url, {"next": target})
                self.assertRedirects(response, case_url, fetch_redirect_response=False)

    def test_a_return_address_on_the_site_is_followed(self):
        url = reverse("consulting:next_step_done", args=[self.case.pk, self.step.pk])
        response = self.client.post(url, {"next": reverse("consulting:next_steps")})
        self.assertRedirects(
            response, reverse("consulting:next_steps"), fetch_redirect_response=False
        )


class AdminDateHierarchyTests(TestCase):
    def test_a_year_no_calendar_has_is_no_server_error_in_the_admin(self):
        self.client.force_login(user_with_role(Role.PROJECT_TEAM, is_superuser=True))
        for query in (
            "occurred_at__year=99999999999999999999",
            "occurred_at__year=2026&occurred_at__month=99999999999999999999",
            "occurred_at__year=0",
        ):
            with self.subTest(query):
                response = self.client.get(f"/verwaltung/ikokmu/auditevent/?{query}")
                self.assertLess(response.status_code, 500)


class AdminAddPageTests(TestCase):
    def test_initial_values_that_name_no_row_are_ignored_on_an_add_page(self):
        self.client.force_login(user_with_role(Role.PROJECT_TEAM, is_superuser=True))
        for value in ("ab", "1.5", "a%00b"):
            with self.subTest(value):
                response = self.client.get(
                    f"/verwaltung/districts/districtmembership/add/?district={value}&user={value}"
                )
                self.assertEqual(response.status_code, 200)

    def test_a_refused_membership_shows_its_form_again_whatever_was_sent(self):
        self.client.force_login(user_with_role(Role.PROJECT_TEAM, is_superuser=True))
        for value in ("ab", "99999999999999999999"):
            with self.subTest(value):
                response = self.client.post(
                    "/verwaltung/districts/districtmembership/add/",
                    {"user": value, "district": value},
                )
                self.assertEqual(response.status_code, 200)
                self.assertTrue(response.context["adminform"].form.errors)


class AdminInlineTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = user_with_role(Role.PROJECT_TEAM, is_superuser=True)
        cls.district = DistrictFactory(name="Landkreis Miesbach")

    def test_a_forged_count_of_inline_rows_builds_no_more_than_the_cap(self):
        self.client.force_login(self.admin)
        response = self.client.post(
            reverse("admin:districts_district_change", args=[self.district.pk]),
            {
                "name": "Landkreis Miesbach",
                "memberships-TOTAL_FORMS": "99999999999999999999",
                "memberships-INITIAL_FORMS": "0",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "höchstens 100")
        self.assertLess(len(response.content), 2_000_000)


class QuestionnaireImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.team = user_with_role(Role.PROJECT_TEAM)

    def test_json_nested_100000_deep_is_refused_at_the_field(self):
        self.client.force_login(self.team)
        for content in (b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 50 + b"1" + b"}" * 50):
            with self.subTest(len(content)):
                response = self.client.post(
                    reverse("surveys:questionnaire_import"),
                    {"file": SimpleUploadedFile("fragebogen.json", content)},
                )
                self.assertEqual(response.status_code, 200)
                self.assertFormError(
                    response.context["form"],
                    "file",
                    "Die Datei ist zu tief verschachtelt; sie ist kein exportierter Fragebogen.",
                )
        self.assertFalse(Questionnaire.objects.exists())
