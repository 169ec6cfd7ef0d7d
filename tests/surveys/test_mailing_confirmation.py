"""District staff choose recipients with nothing preselected, see on a confirmation page how many
e-mails go out to whom with which text and when, send a test mail to themselves whose link opens
the questionnaire without counting, then confirm; they remove unsent invitations and withdraw a
sent one, whose link then says so. Every step is in the audit trail. The same for reminders.

Through the real URLs, with a real SMTP server on localhost and the task worker's code."""

import datetime
from urllib.parse import urlsplit

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ikokmu.models import AuditEvent
from ikokmu.roles import Role
from surveys import round_services, services, tokens
from surveys.models import Answer, Invitation, Reminder, Response, SurveyRound
from tests.factories import DistrictFactory, OrganizationFactory, user_with_role
from tests.surveys.helpers import PAGE_ANSWERS, answer_all, consent, demo_version, open_round
from tests.surveys.smtp import SmtpServer, run_tasks

SITE = "http://befragung.example"


def link_in(text: str, marker: str) -> str:
    return next(word for word in text.split() if marker in word)


def path_of(link: str) -> str:
    parts = urlsplit(link)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@override_settings(SITE_URL=SITE, DEFAULT_FROM_EMAIL="IKÖKMU <noreply@ikoekmu.example>")
class ConfirmationTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.district = DistrictFactory(name="Landkreis Miesbach")
        cls.version = demo_version()
        cls.round, _open = open_round(
            cls.version, district=cls.district, access=SurveyRound.Access.INVITATION
        )
        SurveyRound.objects.filter(pk=cls.round.pk).update(
            sender_name="Landratsamt Miesbach", title="Bedarfsbefragung Miesbach"
        )
        cls.round.refresh_from_db()
        cls.staff = user_with_role(
            Role.DISTRICT_STAFF,
            districts=[cls.district],
            username="lra-miesbach",
            email="sachbearbeitung@lra-mb.example",
        )
        cls.firms = [
            OrganizationFactory(
                district=cls.district,
                name=f"Betrieb {letter.upper()}",
                email=f"{letter}@firma.example",
            )
            for letter in "abcdef"
        ]

    def setUp(self):
        self.client.force_login(self.staff)

    def invite(self, *addresses, language="de"):
        round_services.invitations_create(
            survey_round=self.round,
            recipients=[round_services.Recipient(a, None, language) for a in addresses],
        )

    def url(self, name, *args):
        return reverse(f"surveys:{name}", args=[self.round.pk, *args])

    def confirmation(self):
        page = self.client.get(self.url("round_send"))
        self.assertEqual(page.status_code, 200)
        return page

    def confirm(self, page):
        return self.client.post(self.url("round_send"), {"digest": page.context["audience"].digest})

    def audit(self, action):
        return [
            event
            for event in AuditEvent.objects.filter(kind=AuditEvent.Kind.MAILING).order_by("pk")
            if event.detail.get("action") == action
        ]


class RecipientsPageTests(ConfirmationTestCase):
    def test_nothing_is_preselected_and_the_button_names_no_number_until_the_script_counts(self):
        page = self.client.get(self.url("recipients_organizations"))
        html = page.content.decode()
        self.assertEqual(html.count('name="organization"'), 6)
        self.assertNotIn(" checked", html)
        self.assertContains(page, "Alle auswählen")
        # Without JavaScript the label states no number it cannot know; the script's labels:
        self.assertContains(page, ">Ausgewählte Organisationen einladen</button>")
        self.assertContains(page, 'data-label-one="1 Organisation einladen"')
        self.assertContains(page, 'data-label-many="{n} Organisationen einladen"')
        self.assertContains(page, "select-all.js")
        self.assertNotContains(page, "onclick=")

    def test_ticking_two_firms_invites_those_two_and_leads_to_the_confirmation(self):
        chosen = [self.firms[1].pk, self.firms[4].pk]
        reply = self.client.post(self.url("recipients_organizations"), {"organization": chosen})
        self.assertRedirects(reply, self.url("round_send"), fetch_redirect_response=False)
        self.assertEqual(
            sorted(Invitation.objects.values_list("email", flat=True)),
            ["b@firma.example", "e@firma.example"],
        )
        self.assertFalse(Invitation.objects.filter(queued_at__isnull=False).exists())
        self.assertFalse(DBTaskResult.objects.exists())
        page = self.client.get(reply["Location"])
        self.assertContains(page, "2 Einladungen angelegt (noch nicht versandt).")
        self.assertContains(page, "2 E-Mails gehen hinaus.")
        self.assertContains(page, "b@firma.example")
        self.assertContains(page, "e@firma.example")
        self.assertNotContains(page, "a@firma.example")
        self.assertContains(page, "2 Einladungen jetzt senden")


class SendConfirmationTests(ConfirmationTestCase):
    def test_the_page_names_count_first_twenty_addresses_text_and_time_and_sends_nothing(self):
        self.invite(*[f"kmu{n:02d}@example.org" for n in range(51)])
        page = self.confirmation()
        self.assertContains(page, "51 E-Mails gehen hinaus.")
        for n in range(20):
            self.assertContains(page, f"kmu{n:02d}@example.org")
        self.assertNotContains(page, "kmu20@example.org")
        self.assertContains(page, "und 31 weitere")
        self.assertContains(
            page, "Einladung zur Bedarfsbefragung „Interkulturelle Öffnung“ – Landkreis Miesbach"
        )
        # The text as the first recipient reads it; the link only as an example.
        self.assertContains(page, "wir laden Ihr Unternehmen herzlich")
        self.assertContains(page, "BEISPIEL-LINK")
        self.assertContains(page, "Landratsamt Miesbach &lt;noreply@ikoekmu.example&gt;")
        self.assertContains(page, "Wann: jetzt")
        self.assertContains(page, "51 Einladungen jetzt senden")
        self.assertContains(page, "Testmail an mich")
        self.assertFalse(Invitation.objects.filter(queued_at__isnull=False).exists())

        with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers):
            reply = self.confirm(page)
            self.assertRedirects(reply, self.url("round_detail"), fetch_redirect_response=False)
            self.assertContains(
                self.client.get(reply["Location"]), "51 Einladungen werden im Hintergrund versandt"
            )
            run_tasks()
        self.assertEqual(len(smtp.messages), 51)
        [event] = self.audit("send")
        self.assertEqual(event.detail["count"], 51)
        self.assertEqual(event.actor_username, "lra-miesbach")
        self.assertIn("51 E-Mail(s)", event.summary)

    def test_the_page_runs_as_many_queries_for_sixty_recipients_as_for_three(self):
        def queries_for(count):
            Invitation.objects.all().delete()
            self.invite(*[f"p{n}@example.org" for n in range(count)])
            self.invite(*[f"en{n}@example.org" for n in range(count)], language="en")
            with CaptureQueriesContext(connection) as captured:
                self.confirmation()
            return len(captured)

        self.assertEqual(queries_for(3), queries_for(60))

    def test_a_round_that_has_not_opened_says_the_mails_go_out_at_the_opening(self):
        opens = timezone.now() + datetime.timedelta(days=3)
        SurveyRound.objects.filter(pk=self.round.pk).update(opens_at=opens)
        self.invite("frueh@example.org")
        page = self.confirmation()
        when = timezone.localtime(opens).strftime("%d.%m.%Y %H:%M")
        self.assertContains(page, f"Wann: zu Beginn der Runde am {when}")
        self.assertContains(page, f"1 Einladung zum {when} senden")

    def test_recipients_added_after_the_page_was_shown_stop_the_confirmation(self):
        self.invite("eins@example.org", "zwei@example.org")
        page = self.confirmation()
        self.invite("drei@example.org")
        reply = self.confirm(page)
        self.assertRedirects(reply, self.url("round_send"), fetch_redirect_response=False)
        self.assertContains(self.client.get(reply["Location"]), "haben sich die Empfänger geändert")
        self.assertFalse(Invitation.objects.filter(queued_at__isnull=False).exists())
        self.assertFalse(DBTaskResult.objects.exists())
        self.assertEqual(self.audit("send"), [])
        self.assertContains(self.confirmation(), "3 E-Mails gehen hinaus.")

    def test_a_send_without_the_confirmation_page_only_shows_it(self):
        self.invite("eins@example.org")
        reply = self.client.post(self.url("round_send"))
        self.assertRedirects(reply, self.url("round_send"), fetch_redirect_response=False)
        self.assertFalse(Invitation.objects.filter(queued_at__isnull=False).exists())

    def test_the_round_page_leads_to_the_confirmation_not_to_sending(self):
        self.invite("eins@example.org")
        page = self.client.get(self.url("round_detail"))
        self.assertContains(page, f'href="{self.url("round_send")}"')
        self.assertNotContains(page, f'action="{self.url("round_send")}"')


class TestMailTests(ConfirmationTestCase):
    def send_test_mail(self, smtp):
        with override_settings(MAILERS=smtp.mailers):
            return self.client.post(self.url("round_send_test"), follow=True)

    def test_the_test_mail_is_the_real_mail_to_me_and_its_link_opens_the_questionnaire_without_counting(  # noqa: E501
        self,
    ):
        round_services.invitations_create(
            survey_round=self.round,
            recipients=[round_services.Recipient("a@firma.example", self.firms[0].pk)],
        )
        with SmtpServer() as smtp:
            reply = self.send_test_mail(smtp)
            self.assertContains(reply, "Die Testmail ist an sachbearbeitung@lra-mb.example")
            [test] = smtp.messages
            self.assertEqual(smtp.recipients(), ["sachbearbeitung@lra-mb.example"])
            # Nothing of the real mailing moved.
            self.assertFalse(Invitation.objects.filter(queued_at__isnull=False).exists())
            self.assertFalse(DBTaskResult.objects.exists())
            with override_settings(MAILERS=smtp.mailers):
                self.confirm(self.confirmation())
                run_tasks()
            real = smtp.to("a@firma.example")[0]
        self.assertEqual(test["Subject"], real["Subject"])
        self.assertEqual(test["From"], real["From"])
        text = test.get_content()
        self.assertIn("wir laden Betrieb A herzlich", text)
        self.assertEqual(
            text.split("Link:")[0], real.get_content().split("Link:")[0]
        )  # same words up to the link
        trial = link_in(text, "/befragung/probe/")
        self.assertTrue(trial.startswith(SITE))
        self.assertNotIn("/befragung/t/", text)
        self.assertIn("/befragung/probe/", test["List-Unsubscribe"])
        [event] = self.audit("test_mail")
        self.assertEqual(event.detail["to"], "sachbearbeitung@lra-mb.example")
        self.assertEqual(event.detail["count"], 1)

        # The link works for anyone who has the mail, signed in or not.
        self.client.logout()
        figures = self.round_figures()
        entry = self.client.get(path_of(trial))
        self.assertContains(entry, "Testlink aus der Testmail")
        self.assertContains(entry, 'name="consent"')
        self.assertContains(
            self.client.post(path_of(trial), {}), "Bitte", status_code=400
        )  # consent is asked for, as for respondents
        reply = self.client.post(path_of(trial), {"consent": "on", "sprache": "de"})
        self.assertEqual(reply.status_code, 302)
        page_url = reply["Location"]
        self.assertIn("/seite/1/", page_url)
        self.assertContains(self.client.get(page_url), "Testlink aus der Testmail")
        wrong = dict(PAGE_ANSWERS[1], q_q02_beschaeftigte="viele", action="next")
        self.assertContains(self.client.post(page_url, wrong), "Zahl", status_code=400)
        reply = self.client.post(page_url, dict(PAGE_ANSWERS[1], action="next"))
        self.assertIn("/seite/2/", reply["Location"])
        end = self.client.get(reverse("surveys:trial_end", args=[trial.rstrip("/").split("/")[-1]]))
        self.assertContains(end, "Im Testlauf wurde nichts gespeichert")
        unsubscribe = self.client.get(path_of(test["List-Unsubscribe"].strip("<>")))
        self.assertContains(unsubscribe, "Im Testlauf wird niemand abgemeldet")
        # Not a response of the round: no rows, same figures.
        self.assertFalse(Response.objects.exists())
        self.assertFalse(Answer.objects.exists())
        self.assertEqual(self.round_figures(), figures)

    def round_figures(self):
        return list(
            Invitation.objects.order_by("pk").values_list("started", "completed", "opted_out_at")
        )

    def test_recipients_in_two_languages_get_a_test_mail_each(self):
        self.invite("de@example.org")
        self.invite("en@example.org", language="en")
        with SmtpServer() as smtp:
            reply = self.send_test_mail(smtp)
        self.assertContains(reply, "2 Testmails sind an sachbearbeitung@lra-mb.example")
        subjects = sorted(message["Subject"] for message in smtp.messages)
        self.assertTrue(subjects[0].startswith("Einladung zur Bedarfsbefragung"))
        self.assertTrue(subjects[1].startswith("Invitation to the needs survey"))
        english = next(m for m in smtp.messages if m["Subject"].startswith("Invitation"))
        self.client.logout()
        page = self.client.get(path_of(link_in(english.get_content(), "/befragung/probe/")))
        self.assertContains(page, 'lang="en"')

    def test_without_an_address_of_my_own_i_am_told_so(self):
        self.staff.email = ""
        self.staff.save()
        self.invite("a@example.org")
        self.assertContains(self.confirmation(), "keine E-Mail-Adresse")
        with SmtpServer() as smtp:
            reply = self.send_test_mail(smtp)
        self.assertContains(reply, "Ihr Benutzerkonto hat keine E-Mail-Adresse")
        self.assertEqual(smtp.messages, [])

    def test_a_mail_server_that_refuses_is_named_in_german(self):
        self.invite("a@example.org")
        with SmtpServer(refuse={"sachbearbeitung@lra-mb.example"}) as smtp:
            reply = self.send_test_mail(smtp)
        self.assertContains(reply, "Die Testmail konnte nicht versandt werden")
        self.assertContains(reply, "Der Mailserver hat die Adresse abgelehnt")

    def test_a_forged_or_broken_test_link_leads_nowhere(self):
        good = tokens.trial_token(self.round.pk, "de")
        self.client.logout()
        for token in (good[:-2] + "xx", "abc", tokens.trial_token(10**9, "de")):
            reply = self.client.get(reverse("surveys:trial_entry", args=[token]))
            self.assertContains(reply, "nicht verfügbar", status_code=404)


class RemoveAndWithdrawTests(ConfirmationTestCase):
    def send_all(self, smtp):
        with override_settings(MAILERS=smtp.mailers):
            self.confirm(self.confirmation())
            run_tasks()

    def test_one_unsent_invitation_is_removed_and_then_all_the_others(self):
        self.invite("eins@example.org", "zwei@example.org", "drei@example.org")
        with SmtpServer() as smtp:
            self.send_all(smtp)
        self.invite("vier@example.org", "fuenf@example.org", "sechs@example.org")
        four = Invitation.objects.get(email="vier@example.org")
        page = self.client.get(self.url("round_detail"))
        self.assertContains(page, "Alle 3 nicht versandten Einladungen entfernen")
        self.assertContains(page, self.url("invitation_remove", four.pk))

        reply = self.client.post(self.url("invitation_remove", four.pk), follow=True)
        self.assertContains(reply, "1 nicht versandte Einladung entfernt.")
        self.assertFalse(Invitation.objects.filter(email="vier@example.org").exists())

        sent = Invitation.objects.get(email="eins@example.org")
        reply = self.client.post(self.url("invitation_remove", sent.pk), follow=True)
        self.assertContains(reply, "schon versandt und lässt sich nicht mehr entfernen")

        reply = self.client.post(self.url("invitations_remove"), follow=True)
        self.assertContains(reply, "2 nicht versandte Einladungen entfernt.")
        self.assertEqual(
            sorted(Invitation.objects.values_list("email", flat=True)),
            ["drei@example.org", "eins@example.org", "zwei@example.org"],
        )
        [single] = self.audit("remove")
        self.assertEqual(single.detail["count"], 1)
        self.assertIn("vier@example.org", single.summary)
        [everything] = self.audit("remove_all")
        self.assertEqual(everything.detail["count"], 2)

    def test_an_unsent_invitation_whose_link_was_used_stays(self):
        """A link handed out by hand (the demo's printed one) has answers behind it: removing
        it would orphan a personalised response, so it stays, in both kinds of round."""
        for anonymity in SurveyRound.Anonymity.values:
            with self.subTest(anonymity=anonymity):
                SurveyRound.objects.filter(pk=self.round.pk).update(anonymity=anonymity)
                invitation, token = services.invitation_create(
                    survey_round=self.round, email=f"{anonymity}@example.org"
                )
                consent(self.client, token)
                reply = self.client.post(self.url("invitation_remove", invitation.pk), follow=True)
                self.assertContains(reply, "wurde schon geantwortet")
                page = self.client.post(self.url("invitations_remove"), follow=True)
                self.assertContains(page, "0 nicht versandte Einladungen entfernt.")
                self.assertTrue(Invitation.objects.filter(pk=invitation.pk).exists())
        self.assertEqual(Response.objects.count(), 2)

    def test_a_queued_invitation_can_still_be_removed_before_it_goes_out(self):
        SurveyRound.objects.filter(pk=self.round.pk).update(
            opens_at=timezone.now() + datetime.timedelta(days=2)
        )
        self.invite("wartet@example.org")
        self.confirm(self.confirmation())
        self.client.post(self.url("invitations_remove"))
        self.assertFalse(Invitation.objects.exists())
        SurveyRound.objects.filter(pk=self.round.pk).update(
            opens_at=timezone.now() - datetime.timedelta(minutes=1)
        )
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers):
            run_tasks()
        self.assertEqual(smtp.messages, [])

    def test_a_withdrawn_invitation_s_link_says_so_and_it_gets_no_reminder(self):
        self.invite("falsch@example.org", "richtig@example.org")
        with SmtpServer() as smtp:
            self.send_all(smtp)
            link = link_in(smtp.to("falsch@example.org")[0].get_content(), "/befragung/t/")
        wrong = Invitation.objects.get(email="falsch@example.org")
        page = self.client.get(self.url("invitation_withdraw", wrong.pk))
        self.assertContains(page, "Ihr Link führt danach nicht mehr zum Fragebogen")
        self.assertIsNone(Invitation.objects.get(pk=wrong.pk).withdrawn_at)  # GET only asks
        reply = self.client.post(self.url("invitation_withdraw", wrong.pk), follow=True)
        self.assertContains(reply, "Die Einladung an falsch@example.org ist zurückgezogen")
        self.assertContains(reply, "zurückgezogen ")
        [event] = self.audit("withdraw")
        self.assertEqual(event.detail, {**event.detail, "count": 1, "invitation": wrong.pk})

        self.client.logout()
        page = self.client.get(path_of(link))
        self.assertContains(page, "Einladung zurückgezogen", status_code=410)
        self.assertContains(page, "Landkreis Miesbach", status_code=410)
        self.assertNotContains(page, 'name="consent"', status_code=410)
        self.assertEqual(consent(self.client, link.rstrip("/").split("/")[-1]).status_code, 410)
        self.assertFalse(Response.objects.exists())

        self.client.force_login(self.staff)
        with SmtpServer() as smtp:
            page = self.client.get(self.url("reminder_confirm"))
            self.assertContains(page, "1 E-Mail geht hinaus.")
            self.assertNotContains(page, "falsch@example.org")
            with override_settings(MAILERS=smtp.mailers):
                self.client.post(
                    self.url("reminder"),
                    {"confirm": "1", "digest": page.context["audience"].digest},
                )
                run_tasks()
                run_tasks()
        self.assertEqual(smtp.recipients(), ["richtig@example.org"])

    def test_only_a_sent_unfinished_invitation_can_be_withdrawn(self):
        self.invite("offen@example.org", "fertig@example.org")
        unsent = Invitation.objects.get(email="offen@example.org")
        reply = self.client.post(self.url("invitation_withdraw", unsent.pk), follow=True)
        self.assertContains(reply, "noch nicht versandt; Sie können sie entfernen")
        with SmtpServer() as smtp:
            self.send_all(smtp)
        Invitation.objects.filter(email="fertig@example.org").update(started=True, completed=True)
        done = Invitation.objects.get(email="fertig@example.org")
        reply = self.client.post(self.url("invitation_withdraw", done.pk), follow=True)
        self.assertContains(reply, "schon abgeschlossen")
        self.assertIsNone(Invitation.objects.get(pk=done.pk).withdrawn_at)
        self.assertEqual(self.audit("withdraw"), [])

    def test_withdrawing_an_anonymous_invitation_never_touches_its_response(self):
        """The response of an anonymous invitation is found only through the link. Withdrawing
        writes the invitation's row alone, in a transaction of its own: the response keeps its
        transaction id (xmin), so nothing pairs the two."""
        invitation, token = services.invitation_create(
            survey_round=self.round, email="anonym@example.org"
        )
        Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
        consent(self.client, token)
        response = Response.objects.get()
        self.assertIsNone(response.invitation_id)

        def xmin(table, pk):
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT xmin::text FROM {table} WHERE id = %s", [pk])
                return cursor.fetchone()[0]

        before = xmin("surveys_response", response.pk)
        self.client.post(self.url("invitation_withdraw", invitation.pk))
        self.assertIsNotNone(Invitation.objects.get(pk=invitation.pk).withdrawn_at)
        self.assertEqual(xmin("surveys_response", response.pk), before)
        self.assertNotEqual(xmin("surveys_invitation", invitation.pk), before)
        self.assertEqual(Response.objects.get().updated_at, response.updated_at)


class RateTests(ConfirmationTestCase):
    def test_a_withdrawn_invitation_does_not_count_against_the_response_rate(self):
        invitations = [
            services.invitation_create(survey_round=self.round, email=f"r{n}@example.org")
            for n in range(2)
        ]
        Invitation.objects.update(sent_at=timezone.now())
        answer_all(self.client_class(), invitations[0][1])
        self.client.post(self.url("invitation_withdraw", invitations[1][0].pk))
        page = self.client.get(self.url("round_detail"))
        self.assertContains(page, '<td class="text-end" id="response-rate">100 %</td>', html=True)


class ReminderConfirmationTests(ConfirmationTestCase):
    def setUp(self):
        super().setUp()
        self.invite("offen@example.org", "fertig@example.org")
        self.invite("office@example.org", language="en")
        with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers):
            self.confirm(self.confirmation())
            run_tasks()
        Invitation.objects.filter(email="fertig@example.org").update(started=True, completed=True)

    def test_a_reminder_now_is_confirmed_with_count_addresses_text_and_a_test_mail(self):
        page = self.client.get(self.url("reminder_confirm"))
        self.assertContains(page, "2 E-Mails gehen hinaus.")
        self.assertContains(page, "offen@example.org")
        self.assertContains(page, "office@example.org")
        self.assertNotContains(page, "fertig@example.org")
        self.assertContains(page, "Erinnerung: Bedarfsbefragung „Interkulturelle Öffnung“")
        self.assertContains(page, "Reminder: needs survey on intercultural opening")
        self.assertContains(page, "Wann: jetzt")
        self.assertContains(page, "Erinnerung jetzt an 2 Einladungen senden")
        self.assertFalse(Reminder.objects.exists())

        with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers):
            reply = self.client.post(self.url("reminder_test"), follow=True)
            self.assertContains(reply, "2 Testmails sind an sachbearbeitung@lra-mb.example")
            self.assertEqual(len(smtp.messages), 2)
            self.assertTrue(all("/befragung/probe/" in m.get_content() for m in smtp.messages))
            self.assertFalse(Reminder.objects.exists())
            reply = self.client.post(
                self.url("reminder"), {"confirm": "1", "digest": page.context["audience"].digest}
            )
            self.assertEqual(reply.status_code, 302)
            run_tasks()
            run_tasks()
            self.assertEqual(
                sorted(smtp.recipients()),
                [
                    "offen@example.org",
                    "office@example.org",
                    "sachbearbeitung@lra-mb.example",
                    "sachbearbeitung@lra-mb.example",
                ],
            )
        [event] = self.audit("reminder")
        self.assertEqual(event.detail["count"], 2)
        self.assertEqual(len(self.audit("test_mail")), 1)

    def test_a_planned_reminder_is_confirmed_with_its_date(self):
        when = timezone.localtime(timezone.now() + datetime.timedelta(days=3))
        value = when.strftime("%Y-%m-%dT%H:%M")
        page = self.client.get(self.url("reminder_confirm"), {"scheduled_for": value})
        self.assertContains(page, "Nach heutigem Stand gehen 2 E-Mails hinaus.")
        self.assertContains(page, f"Wann: am {when:%d.%m.%Y %H:%M}")
        self.assertContains(page, f"Erinnerung für {when:%d.%m.%Y %H:%M} planen")
        with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers):
            reply = self.client.post(
                self.url("reminder_test"), {"scheduled_for": value}, follow=True
            )
        self.assertRedirects(reply, self.url("reminder_confirm") + f"?scheduled_for={value}")
        self.assertEqual(len(smtp.messages), 2)
        self.client.post(self.url("reminder"), {"confirm": "1", "scheduled_for": value})
        reminder = Reminder.objects.get()
        self.assertEqual(
            timezone.localtime(reminder.scheduled_for).strftime("%Y-%m-%dT%H:%M"), value
        )
        self.assertEqual(self.audit("reminder")[0].detail["count"], 2)

    def test_a_reminder_without_the_confirmation_page_only_shows_it(self):
        reply = self.client.post(self.url("reminder"), {"now": "1"})
        self.assertRedirects(reply, self.url("reminder_confirm"), fetch_redirect_response=False)
        self.assertFalse(Reminder.objects.exists())


class DistrictScopeTests(ConfirmationTestCase):
    def test_staff_of_another_district_reach_none_of_the_mailing_steps(self):
        self.invite("eins@example.org")
        invitation = Invitation.objects.get()
        outsider = user_with_role(
            Role.DISTRICT_STAFF, districts=[DistrictFactory(name="Landkreis Rosenheim")]
        )
        self.client.force_login(outsider)
        addresses = [
            self.url("round_send"),
            self.url("round_send_test"),
            self.url("invitations_remove"),
            self.url("invitation_remove", invitation.pk),
            self.url("invitation_withdraw", invitation.pk),
            self.url("reminder_confirm"),
            self.url("reminder_test"),
        ]
        with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers):
            for address in addresses:
                for method in (self.client.get, self.client.post):
                    with self.subTest(address=address, method=method.__name__):
                        self.assertEqual(method(address, {"digest": "x"}).status_code, 404)
        self.assertEqual(smtp.messages, [])
        self.assertTrue(Invitation.objects.filter(pk=invitation.pk, queued_at=None).exists())
        self.assertFalse(AuditEvent.objects.filter(kind=AuditEvent.Kind.MAILING).exists())
