"""Each role lands on a start page with the figures that matter to it."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikokmu.roles import Role
from tests.factories import DistrictFactory, user_with_role


class StartPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.munich = DistrictFactory(name="Landkreis München", official_key="09184")
        cls.miesbach = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
        cls.project = user_with_role(Role.PROJECT_TEAM, username="projekt")
        cls.interviewer = user_with_role(Role.INTERVIEW_TEAM, username="interview")
        cls.staff = user_with_role(Role.DISTRICT_STAFF, districts=[cls.munich], username="lra")

    def start_page_of(self, user):
        self.client.force_login(user)
        return self.client.get(reverse("dashboard"))

    def test_visitors_see_the_public_front_page_and_a_way_to_sign_in(self):
        response = self.client.get(reverse("home"))
        self.assertContains(response, "Interkulturelle Öffnung")
        self.assertContains(response, reverse("login"))

    def test_signed_in_users_are_taken_from_the_front_page_to_their_start_page(self):
        self.client.force_login(self.staff)
        self.assertRedirects(self.client.get(reverse("home")), reverse("dashboard"))

    def test_project_team_sees_all_districts_and_platform_figures(self):
        response = self.start_page_of(self.project)
        self.assertContains(response, "Landkreis München")
        self.assertContains(response, "Landkreis Miesbach")
        self.assertContains(response, "aktive Zugänge")
        self.assertContains(response, reverse("audit_log"))

    def test_district_staff_see_only_their_own_district(self):
        response = self.start_page_of(self.staff)
        self.assertContains(response, "Ihr Landkreis")
        self.assertContains(response, "Landkreis München")
        self.assertNotContains(response, "Landkreis Miesbach")
        self.assertNotContains(response, reverse("audit_log"))

    def test_district_staff_without_a_district_get_a_helpful_sentence(self):
        response = self.start_page_of(user_with_role(Role.DISTRICT_STAFF, username="neu"))
        self.assertContains(response, "noch kein Landkreis zugeordnet")

    def test_interview_team_sees_the_study_and_no_district_data(self):
        response = self.start_page_of(self.interviewer)
        self.assertContains(response, "Interviewstudie")
        self.assertContains(response, "Noch sind Sie in keiner Interviewstudie")
        self.assertNotContains(response, "Landkreis München")

    def test_start_page_runs_a_constant_number_of_queries(self):
        self.client.force_login(self.project)
        # Each app's panel adds its own queries; what matters is that rows add none.
        with CaptureQueriesContext(connection) as few:
            self.client.get(reverse("dashboard"))
        for n in range(20):
            DistrictFactory(name=f"Landkreis Zusatz {n}", official_key=f"{9500 + n:05d}")
        with self.assertNumQueries(len(few.captured_queries)):
            self.client.get(reverse("dashboard"))

    def test_the_page_is_german_and_english_can_be_chosen(self):
        self.client.force_login(self.project)
        self.assertContains(self.client.get(reverse("dashboard")), '<html lang="de" dir="ltr">')
        self.client.post(reverse("set_language"), {"language": "en", "next": "/start/"})
        self.assertContains(self.client.get(reverse("dashboard")), '<html lang="en" dir="ltr">')


class LegalPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.project = user_with_role(Role.PROJECT_TEAM, username="projekt")

    def test_footer_pages_are_public(self):
        for slug, title in [
            ("impressum", "Impressum"),
            ("datenschutz", "Datenschutzerklärung"),
            ("barrierefreiheit", "Erklärung zur Barrierefreiheit"),
        ]:
            response = self.client.get(reverse("legal_page", args=[slug]))
            self.assertContains(response, f"<h1>{title}</h1>", html=False)

    def test_project_team_edits_the_imprint_and_keeps_its_history(self):
        self.client.force_login(self.project)
        url = reverse("legal_page_edit", args=["impressum"])
        response = self.client.post(
            url, {"title": "Impressum", "body": "Projekt IKÖKMU\n\nMusterstraße 1"}
        )
        self.assertRedirects(response, reverse("legal_page", args=["impressum"]))
        page = self.client.get(reverse("legal_page", args=["impressum"]))
        self.assertContains(page, "Musterstraße 1")
        latest = page.context["page"].history.first()
        self.assertEqual(
            (latest.history_user, latest.body), (self.project, "Projekt IKÖKMU\n\nMusterstraße 1")
        )

    def test_an_empty_text_is_refused_with_a_german_message_and_the_title_is_kept(self):
        self.client.force_login(self.project)
        response = self.client.post(
            reverse("legal_page_edit", args=["impressum"]), {"title": "Neuer Titel", "body": ""}
        )
        self.assertContains(response, "Dieses Feld ist zwingend erforderlich.")
        self.assertContains(response, 'value="Neuer Titel"')


class PublicMenuTests(TestCase):
    def test_visitors_find_the_public_catalogue_from_the_front_page_and_the_menu(self):
        response = self.client.get(reverse("home"))
        self.assertContains(response, f'href="{reverse("catalog:measure_list")}"', count=2)
        self.assertContains(response, reverse("catalog:match"))
        self.assertNotContains(response, reverse("audit_log"))
