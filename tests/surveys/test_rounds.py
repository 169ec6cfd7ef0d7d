"""District staff create and run survey rounds of their own districts; the team all of them."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from ikokmu.models import PendingImport
from ikokmu.roles import Role
from surveys import round_services
from surveys.models import Invitation, OptOut, SurveyRound
from tests.factories import DistrictFactory, OrganizationFactory, user_with_role
from tests.surveys.helpers import demo_version, open_round


def local(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


class RoundTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.miesbach = DistrictFactory(name="Landkreis Miesbach")
        cls.rosenheim = DistrictFactory(name="Landkreis Rosenheim")
        cls.version = demo_version()
        cls.round, _open = open_round(cls.version, district=cls.miesbach)
        cls.other_round, _open = open_round(cls.version, district=cls.rosenheim)
        SurveyRound.objects.filter(pk=cls.other_round.pk).update(title="Runde Rosenheim")
        cls.invitation, _token = round_services.services.invitation_create(
            survey_round=cls.round, email="info@example.org"
        )
        cls.staff = user_with_role(Role.DISTRICT_STAFF, districts=[cls.miesbach])
        cls.team = user_with_role(Role.PROJECT_TEAM)

    def setUp(self):
        self.client.force_login(self.staff)

    def form_data(self, **changes):
        now = timezone.now()
        data = {
            "district": self.miesbach.pk,
            "version": self.version.pk,
            "title": "Bedarfsbefragung 2027",
            "opens_at": local(now),
            "closes_at": local(now + datetime.timedelta(days=30)),
            "access": "both",
            "anonymity": "anonymous",
            "sender_name": "Landratsamt Miesbach",
            "reply_to": "wirtschaft@lra-mb.example",
            "invitation_de_subject": "Einladung – {landkreis}",
            "invitation_de_body": "Guten Tag {organisation}, hier: {link}\nAbmelden: {abmeldelink}",
            "reminder_de_subject": "Erinnerung – {landkreis}",
            "reminder_de_body": "Bis {enddatum}: {link}\n{abmeldelink}",
        }
        data.update(changes)
        return data


class RoundPermissionTests(RoundTestCase):
    def test_staff_of_another_district_get_not_found_on_every_round_address(self):
        outsider = user_with_role(Role.DISTRICT_STAFF, districts=[self.rosenheim])
        self.client.force_login(outsider)
        pk = self.round.pk
        addresses = [
            reverse("surveys:round_detail", args=[pk]),
            reverse("surveys:round_edit", args=[pk]),
            reverse("surveys:recipients_organizations", args=[pk]),
            reverse("surveys:recipients_import", args=[pk]),
            reverse("surveys:round_send", args=[pk]),
            reverse("surveys:round_retry", args=[pk]),
            reverse("surveys:invitation_retry", args=[pk, self.invitation.pk]),
            reverse("surveys:reminder", args=[pk]),
            reverse("surveys:reminder_delete", args=[pk, 1]),
        ]
        for address in addresses:
            for method in (self.client.get, self.client.post):
                with self.subTest(address=address, method=method.__name__):
                    reply = method(address, {"now": "1"})
                    self.assertEqual(reply.status_code, 404)
        self.assertFalse(Invitation.objects.filter(queued_at__isnull=False).exists())
        self.assertNotContains(self.client.get(reverse("surveys:round_list")), "Testrunde")

    def test_the_round_list_shows_staff_their_rounds_and_the_team_all(self):
        page = self.client.get(reverse("surveys:round_list"))
        self.assertContains(page, "Testrunde")
        self.assertNotContains(page, "Runde Rosenheim")
        self.client.force_login(self.team)
        page = self.client.get(reverse("surveys:round_list"))
        self.assertContains(page, "Testrunde")
        self.assertContains(page, "Runde Rosenheim")

    def test_the_form_offers_staff_only_their_own_districts(self):
        page = self.client.get(reverse("surveys:round_create"))
        self.assertContains(page, "Landkreis Miesbach")
        self.assertNotContains(page, "Landkreis Rosenheim")
        reply = self.client.post(
            reverse("surveys:round_create"), self.form_data(district=self.rosenheim.pk)
        )
        self.assertEqual(reply.status_code, 200)
        self.assertFalse(SurveyRound.objects.filter(title="Bedarfsbefragung 2027").exists())


class RoundFormTests(RoundTestCase):
    def test_staff_create_a_round_with_prefilled_german_texts(self):
        page = self.client.get(reverse("surveys:round_create"))
        self.assertContains(page, "Einladung zur Bedarfsbefragung „Interkulturelle Öffnung“")
        self.assertContains(page, "{abmeldelink}")
        reply = self.client.post(reverse("surveys:round_create"), self.form_data())
        created = SurveyRound.objects.get(title="Bedarfsbefragung 2027")
        self.assertRedirects(reply, reverse("surveys:round_detail", args=[created.pk]))
        self.assertEqual(created.created_by, self.staff)
        self.assertEqual(created.invitation_texts["de"]["subject"], "Einladung – {landkreis}")
        self.assertIsNotNone(created.open_token_hash)
        page = self.client.get(reverse("surveys:round_detail", args=[created.pk]))
        self.assertContains(page, "/befragung/offen/")

    def test_a_round_that_closes_before_it_opens_gets_a_german_message_at_the_field(self):
        now = timezone.now()
        reply = self.client.post(
            reverse("surveys:round_create"),
            self.form_data(closes_at=local(now - datetime.timedelta(days=1))),
        )
        self.assertEqual(
            reply.context["form"].errors["closes_at"], ["Das Ende muss nach dem Beginn liegen."]
        )
        self.assertContains(reply, "Bedarfsbefragung 2027")  # input kept

    def test_an_unknown_placeholder_gets_a_german_message_at_the_field(self):
        reply = self.client.post(
            reverse("surveys:round_create"),
            self.form_data(invitation_de_body="Hallo {firma}, {link}"),
        )
        errors = reply.context["form"].errors["invitation_de_body"]
        self.assertIn("Unbekannter Platzhalter: {firma}", errors[0])
        self.assertContains(reply, "Hallo {firma}, {link}")
        self.assertFalse(SurveyRound.objects.filter(title="Bedarfsbefragung 2027").exists())

    def test_a_mail_text_without_the_link_or_the_unsubscribe_link_is_refused(self):
        reply = self.client.post(
            reverse("surveys:round_create"),
            self.form_data(invitation_de_body="Hallo {organisation}, bitte antworten."),
        )
        errors = reply.context["form"].errors["invitation_de_body"]
        self.assertIn("braucht den Platzhalter {link}", errors[0])
        self.assertIn("braucht den Platzhalter {abmeldelink}", errors[1])
        self.assertFalse(SurveyRound.objects.filter(title="Bedarfsbefragung 2027").exists())

    def test_a_wrong_placeholder_in_a_translation_gets_only_its_own_message(self):
        reply = self.client.post(
            reverse("surveys:round_create"),
            self.form_data(
                invitation_en_subject="Invitation",
                invitation_en_body="Hello {foo} {link} {abmeldelink}",
            ),
        )
        errors = reply.context["form"].errors
        self.assertIn("Unbekannter Platzhalter: {foo}", errors["invitation_en_body"][0])
        self.assertNotIn("invitation_en_subject", errors)
        self.assertNotContains(reply, "Bitte Betreff und Text zusammen angeben.")

    def test_the_preview_shows_the_mail_as_received_and_saves_nothing(self):
        sender = "Landratsamt Miesbach – Wirtschaftsförderung"
        reply = self.client.post(
            reverse("surveys:round_create"),
            {**self.form_data(sender_name=sender), "preview": "1"},
        )
        self.assertContains(reply, "Einladung – Landkreis Miesbach")
        self.assertContains(reply, "Guten Tag Musterbetrieb GmbH, hier: http")
        # As a mail program shows the sender, not as the header encodes it (=?utf-8?q?…).
        self.assertContains(reply, f"{sender} &lt;noreply@")
        self.assertContains(reply, "Einladung · Englisch")
        self.assertFalse(SurveyRound.objects.filter(title="Bedarfsbefragung 2027").exists())

    def test_staff_edit_their_round(self):
        reply = self.client.post(
            reverse("surveys:round_edit", args=[self.round.pk]),
            self.form_data(title="Neuer Titel", anonymity="personalised"),
        )
        self.assertRedirects(reply, reverse("surveys:round_detail", args=[self.round.pk]))
        self.round.refresh_from_db()
        self.assertEqual(self.round.title, "Neuer Titel")
        self.assertEqual(self.round.anonymity, "personalised")


class RecipientTests(RoundTestCase):
    def upload(self, content: bytes, name="empfaenger.csv"):
        return self.client.post(
            reverse("surveys:recipients_import", args=[self.round.pk]),
            {"file": SimpleUploadedFile(name, content)},
        )

    def test_the_import_preview_shows_left_out_rows_with_reasons_and_stores_nothing(self):
        OrganizationFactory(district=self.miesbach, name="Schreinerei Maier")
        OptOut.objects.create(email="nein@example.org", source=OptOut.Source.LINK)
        csv = (
            "E-Mail;Organisation;Sprache\r\n"
            "maier@example.org;Schreinerei Maier;Deutsch\r\n"
            "Maier@Example.org;Schreinerei Maier;\r\n"
            "kein-at-zeichen;Müller Bau;\r\n"
            "info@example.org;Schon eingeladen;\r\n"
            "nein@example.org;Abgemeldet GmbH;\r\n"
            "kurt@example.org;Gärtnerei Kurt;Englisch\r\n"
        ).encode("cp1252")
        reply = self.upload(csv)
        self.assertContains(reply, "2 werden eingeladen")
        self.assertContains(reply, "Die Adresse steht schon in Zeile 2 der Datei.")
        self.assertContains(reply, "„kein-at-zeichen“ ist keine gültige E-Mail-Adresse.")
        self.assertContains(reply, "Diese Adresse ist in dieser Runde schon eingeladen.")
        self.assertContains(reply, "Diese Adresse hat sich von Befragungs-E-Mails abgemeldet.")
        self.assertContains(reply, "Gärtnerei Kurt")  # Windows-1252 read right
        self.assertContains(reply, "die E-Mail nennt den Namen aus der Liste")
        self.assertContains(reply, "<td>Englisch</td>", html=True)
        self.assertEqual(Invitation.objects.count(), 1)
        pending = PendingImport.objects.get()

        reply = self.client.post(
            reverse("surveys:recipients_import", args=[self.round.pk]),
            {"pending": str(pending.id), "confirm": "1"},
        )
        self.assertRedirects(
            reply, reverse("surveys:round_detail", args=[self.round.pk]) + "#einladungen"
        )
        created = {i.email: i for i in Invitation.objects.exclude(pk=self.invitation.pk)}
        self.assertEqual(sorted(created), ["kurt@example.org", "maier@example.org"])
        self.assertEqual(created["maier@example.org"].organization.name, "Schreinerei Maier")
        self.assertEqual(created["kurt@example.org"].language, "en")
        # Not in the district's address book: the list's name is kept for the mail's greeting.
        self.assertEqual(created["kurt@example.org"].recipient_name, "Gärtnerei Kurt")
        self.assertEqual(created["maier@example.org"].recipient_name, "")
        page = self.client.get(reverse("surveys:round_detail", args=[self.round.pk]))
        self.assertContains(page, "<td>Gärtnerei Kurt</td>", html=True)
        self.assertTrue(all(i.sent_at is None and i.queued_at is None for i in created.values()))
        self.assertFalse(PendingImport.objects.exists())

    def test_cancelling_the_preview_leaves_nothing(self):
        self.upload(b"E-Mail\nneu@example.org\n")
        pending = PendingImport.objects.get()
        self.client.post(
            reverse("surveys:recipients_import", args=[self.round.pk]),
            {"pending": str(pending.id), "cancel": "1"},
        )
        self.assertEqual(Invitation.objects.count(), 1)
        self.assertFalse(PendingImport.objects.exists())

    def test_an_address_longer_than_a_mailbox_can_be_is_left_out_with_its_reason(self):
        address = "a" * 64 + "@" + ("b" * 63 + ".") * 3 + "de"  # 260 characters
        reply = self.upload(f"E-Mail\n{address}\nok@example.org\n".encode())
        self.assertContains(reply, "ist keine gültige E-Mail-Adresse")
        self.assertContains(reply, "1 wird eingeladen")

    def test_a_list_far_longer_than_a_district_has_businesses_is_refused(self):
        rows = "".join(f"kmu{n}@example.org\n" for n in range(20_001))
        reply = self.upload(f"E-Mail\n{rows}".encode())
        self.assertContains(reply, "Die Liste hat 20.001 Zeilen", status_code=400)
        self.assertContains(reply, "höchstens 20.000", status_code=400)
        reply = self.upload(b"E-Mail\n" + b"x" * (5 * 1024 * 1024 + 1))
        self.assertContains(reply, "größer als 5 MB", status_code=400)
        self.assertFalse(PendingImport.objects.exists())

    def test_ids_that_are_no_ids_are_ignored_not_a_server_error(self):
        url = reverse("surveys:recipients_organizations", args=[self.round.pk])
        for value in ("²", "99999999999999999999"):
            reply = self.client.post(url, {"organization": value})
            self.assertEqual(reply.status_code, 302, value)

    def test_a_list_without_an_email_column_is_refused_with_a_german_message(self):
        reply = self.upload(b"Name;Ort\nHuber;Miesbach\n")
        self.assertContains(reply, "braucht eine Spalte „E-Mail“", status_code=400)

    def test_organisations_are_invited_by_filter_and_those_without_an_address_named(self):
        bakery = OrganizationFactory(
            district=self.miesbach, name="Bäckerei Huber", email="huber@example.org"
        )
        OrganizationFactory(district=self.miesbach, name="Ohne Adresse GmbH", email="")
        OrganizationFactory(
            district=self.miesbach,
            name="Großbetrieb AG",
            email="gross@example.org",
            size_class="250+",
        )
        OrganizationFactory(district=self.rosenheim, name="Fremd GmbH", email="f@example.org")
        url = reverse("surveys:recipients_organizations", args=[self.round.pk])
        page = self.client.get(url, {"size_class": "10-49"})
        self.assertContains(page, "Bäckerei Huber")
        self.assertContains(page, "keine E-Mail-Adresse")
        self.assertNotContains(page, "Großbetrieb AG")
        self.assertNotContains(page, "Fremd GmbH")
        organizations = [o.pk for o in page.context["candidates"]]
        reply = self.client.post(url, {"organization": organizations}, follow=True)
        self.assertContains(reply, "1 Einladung angelegt (noch nicht versandt).")
        self.assertContains(reply, "Ohne Adresse GmbH")
        invitation = Invitation.objects.get(organization=bakery)
        self.assertEqual(invitation.email, "huber@example.org")

    def test_kmus_are_offered_first_and_a_shared_address_gets_one_invitation(self):
        OrganizationFactory(district=self.miesbach, name="Schreinerei Alt", email="alt@example.org")
        for name in ("Gemeinde Holzkirchen", "Gemeinde Otterfing"):
            OrganizationFactory(
                district=self.miesbach,
                name=name,
                kind="municipality",
                email="vg@example.org",
                sector="",
                size_class="",
            )
        url = reverse("surveys:recipients_organizations", args=[self.round.pk])
        page = self.client.get(url)
        self.assertContains(page, "Schreinerei Alt")
        self.assertNotContains(page, "Gemeinde Holzkirchen")  # KMU unless "alle Arten"

        page = self.client.get(url, {"kind": ""})
        self.assertContains(page, "gleiche Adresse wie Gemeinde Holzkirchen")
        chosen = [o.pk for o in page.context["candidates"] if o.name.startswith("Gemeinde")]
        reply = self.client.post(url, {"organization": chosen}, follow=True)
        self.assertContains(reply, "1 Einladung angelegt")
        self.assertContains(reply, "nicht eingeladen: Gemeinde Otterfing")
        self.assertEqual(
            Invitation.objects.filter(email="vg@example.org").get().organization.name,
            "Gemeinde Holzkirchen",
        )


class ConstantQueryTests(RoundTestCase):
    def add_rounds(self, count):
        for number in range(count):
            survey_round, _open = open_round(self.version, district=self.miesbach)
            round_services.invitations_create(
                survey_round=survey_round,
                recipients=[
                    round_services.Recipient(f"r{number}-{n}@example.org") for n in range(3)
                ],
            )

    def test_the_round_list_runs_the_same_queries_for_few_and_many_rounds(self):
        url = reverse("surveys:round_list")
        self.add_rounds(1)
        few = self.count_queries(url)
        self.add_rounds(8)
        with self.assertNumQueries(few):
            self.client.get(url)

    def test_the_invitation_list_runs_the_same_queries_for_few_and_many_invitations(self):
        url = reverse("surveys:round_detail", args=[self.round.pk])
        few = self.count_queries(url)
        organization = OrganizationFactory(district=self.miesbach)
        round_services.invitations_create(
            survey_round=self.round,
            recipients=[
                round_services.Recipient(f"p{n}@example.org", organization.pk) for n in range(40)
            ],
        )
        with self.assertNumQueries(few):
            page = self.client.get(url)
        self.assertContains(page, "p39@example.org")

    def count_queries(self, url) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            self.client.get(url)
        return len(captured)


class RoundPageTests(RoundTestCase):
    def test_the_round_page_shows_the_figures_and_completions_per_day(self):
        from tests.surveys.helpers import answer_all

        _i, token = round_services.services.invitation_create(
            survey_round=self.round, email="fertig@example.org"
        )
        round_services.invitations_create(
            survey_round=self.round,
            recipients=[round_services.Recipient("zwei@example.org")],
        )
        Invitation.objects.filter(round=self.round).update(sent_at=timezone.now())
        answer_all(self.client_class(), token)
        page = self.client.get(reverse("surveys:round_detail", args=[self.round.pk]))
        figures = page.context["survey_round"]
        self.assertEqual(figures.invited, 3)
        self.assertEqual(figures.sent, 3)
        self.assertEqual(figures.invitations_started, 1)
        self.assertEqual(figures.invitations_completed, 1)
        self.assertEqual(page.context["rate"], 33)
        self.assertContains(page, '<td class="text-end" id="response-rate">33 %</td>', html=True)
        self.assertContains(page, '<title id="completions-title">')
        self.assertContains(page, "1 abgeschlossene Fragebögen vom")
        today = timezone.localdate().strftime("%d.%m.%Y")
        self.assertContains(
            page, f'<tr><td>{today}</td><td class="text-end">1</td></tr>', html=True
        )
        self.assertContains(page, "/befragung/offen/")  # the round's open link


class RecipientSpreadsheetTests(RoundTestCase):
    def test_an_excel_list_with_german_headers_is_read(self):
        import io

        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.append(["E-Mail-Adresse", "Firma", "Sprache"])
        sheet.append(["info@tegernsee-hof.example", "Tegernsee Hof", "pl"])
        sheet.append(["info@tegernsee-hof.example", "Tegernsee Hof", ""])
        buffer = io.BytesIO()
        workbook.save(buffer)
        reply = self.client.post(
            reverse("surveys:recipients_import", args=[self.round.pk]),
            {"file": SimpleUploadedFile("liste.xlsx", buffer.getvalue())},
        )
        self.assertContains(reply, "1 wird eingeladen")
        self.assertContains(reply, "Die Adresse steht schon in Zeile 2 der Datei.")
        # The demo questionnaire offers six languages, Polish is not one of them.
        self.assertContains(reply, "Sprache „pl“ bietet der Fragebogen nicht an; Deutsch.")
        self.assertEqual(Invitation.objects.count(), 1)
