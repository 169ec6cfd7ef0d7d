"""What every catalogue page shares with the rest of the site: the menu marks the part of the
site a page belongs to, the favicon, and the summary of what to correct after a failed save."""

import re

from django.contrib.staticfiles import finders
from django.test import TestCase
from django.urls import reverse

from ikokmu.roles import Role
from tests.catalog.factories import MeasureFactory, OfferFactory, field
from tests.factories import user_with_role


def current_menu_entries(response) -> list[str]:
    html = response.content.decode()
    nav = html.split('aria-label="Hauptnavigation"', 1)[1].split("</nav>", 1)[0]
    return re.findall(
        r'<a class="nav-link active" href="[^"]*"\s*aria-current="page">([^<]*)</a>', nav
    )


class MenuTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.measure = MeasureFactory(fields_of_action=[field("sprache")])
        cls.offer = OfferFactory()

    def test_catalogue_sub_pages_mark_the_catalogue_in_the_menu(self):
        for url in [
            reverse("catalog:measure_list"),
            reverse("catalog:offer_list"),
            self.measure.get_absolute_url(),
            self.offer.get_absolute_url(),
        ]:
            with self.subTest(url=url):
                self.assertEqual(current_menu_entries(self.client.get(url)), ["Maßnahmenkatalog"])
        match = self.client.get(reverse("catalog:match"))
        self.assertEqual(current_menu_entries(match), ["Wer hilft uns?"])

    def test_the_team_sees_the_catalogue_marked_on_its_editing_pages(self):
        self.client.force_login(user_with_role(Role.PROJECT_TEAM))
        page = self.client.get(reverse("catalog:measure_update", args=[self.measure.pk]))
        self.assertEqual(current_menu_entries(page), ["Maßnahmenkatalog"])
        follow_ups = self.client.get(reverse("districts:follow_ups"))
        self.assertEqual(current_menu_entries(follow_ups), ["Wiedervorlagen"])

    def test_every_page_links_a_favicon_that_exists(self):
        html = self.client.get(reverse("catalog:measure_list")).content.decode()
        href = re.search(r'<link rel="icon" href="/static/([^"]+)"', html).group(1)
        self.assertTrue(finders.find(href))
        # Pages without the layout (the admin, PDFs) make browsers ask for /favicon.ico.
        self.assertRedirects(
            self.client.get("/favicon.ico"),
            f"/static/{href}",
            status_code=301,
            fetch_redirect_response=False,
        )


class ErrorSummaryTests(TestCase):
    def test_a_failed_save_lists_what_to_correct_with_links_to_the_fields(self):
        self.client.force_login(user_with_role(Role.PROJECT_TEAM))
        response = self.client.post(
            reverse("catalog:measure_create"),
            {"title": "Sprachtandems", "summary": "", "effort": "low", "status": "draft"},
        )
        html = response.content.decode()
        summary = html.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
        self.assertIn("Bitte prüfen Sie 2 Angaben", summary)
        self.assertIn(
            '<a href="#div_id_fields_of_action">Handlungsfelder: '
            "Bitte mindestens ein Handlungsfeld wählen.</a>",
            summary,
        )
        self.assertIn('href="#div_id_summary"', summary)
        self.assertIn('id="div_id_summary"', html)
