"""District staff send a round's invitations through the task worker to a real SMTP server on
localhost, retry a failed address, send reminders, and recipients unsubscribe."""

import datetime
from urllib.parse import urlsplit

from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ikokmu.roles import Role
from surveys import mailing, round_queries, round_services, tokens
from surveys.models import Invitation, OptOut, Reminder, SurveyRound
from tests.factories import DistrictFactory, OrganizationFactory, user_with_role
from tests.surveys.helpers import demo_version, open_round
from tests.surveys.smtp import SmtpServer, run_tasks

SITE = "http://befragung.example"


def body_of(message) -> str:
    return message.get_content()


def link_in(text: str, marker: str) -> str:
    return next(word for word in text.split() if marker in word)


@override_settings(SITE_URL=SITE, DEFAULT_FROM_EMAIL="IKÖKMU <noreply@ikoekmu.example>")
class SendingTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.district = DistrictFactory(name="Landkreis Miesbach")
        cls.version = demo_version()
        cls.round, _open = open_round(
            cls.version, district=cls.district, access=SurveyRound.Access.INVITATION
        )
        SurveyRound.objects.filter(pk=cls.round.pk).update(
            sender_name="Landratsamt Miesbach", reply_to="wirtschaft@lra-mb.example"
        )
        cls.round.refresh_from_db()
        cls.staff = user_with_role(Role.DISTRICT_STAFF, districts=[cls.district])
        cls.bakery = OrganizationFactory(district=cls.district, name="Bäckerei Huber")

    def setUp(self):
        self.client.force_login(self.staff)

    def invite(self, *addresses, organization=None):
        round_services.invitations_create(
            survey_round=self.round,
            recipients=[
                round_services.Recipient(address, organization.pk if organization else None)
                for address in addresses
            ],
        )

    def send(self):
        """'Einladungen senden', then confirm what the confirmation page shows."""
        url = reverse("surveys:round_send", args=[self.round.pk])
        page = self.client.get(url)
        if page.status_code == 200:
            digest = page.context["audience"].digest
        else:  # nothing new to send (or refused): confirm the empty list
            digest = round_queries.audience_digest(Invitation.objects.none())
        return self.client.post(url, {"digest": digest})

    def remind_now(self, **extra):
        """'Erinnerung jetzt senden', then confirm on the confirmation page."""
        url = reverse("surveys:reminder_confirm", args=[self.round.pk])
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        return self.client.post(
            reverse("surveys:reminder", args=[self.round.pk]),
            {"confirm": "1", "digest": page.context["audience"].digest},
            **extra,
        )

    def plan_reminder(self, when: str, **extra):
        """'Erinnerung planen' for a date: the confirmation page, then confirm."""
        page = self.client.get(
            reverse("surveys:reminder_confirm", args=[self.round.pk]), {"scheduled_for": when}
        )
        if page.status_code != 200:
            return page
        return self.client.post(
            reverse("surveys:reminder", args=[self.round.pk]),
            {"confirm": "1", "scheduled_for": when},
            **extra,
        )


class SendingTests(SendingTestCase):
    def test_the_received_mail_has_subject_link_and_unsubscribe_link_and_the_link_opens_it(
        self,
    ):
        self.invite("info@baeckerei-huber.example", organization=self.bakery)
        with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers):
            reply = self.send()
            self.assertRedirects(reply, reverse("surveys:round_detail", args=[self.round.pk]))
            run_tasks()
        [message] = smtp.messages
        self.assertEqual(
            message["Subject"],
            "Einladung zur Bedarfsbefragung „Interkulturelle Öffnung“ – Landkreis Miesbach",
        )
        self.assertEqual(message["From"].addresses[0].display_name, "Landratsamt Miesbach")
        self.assertEqual(message["From"].addresses[0].addr_spec, "noreply@ikoekmu.example")
        self.assertEqual(message["Reply-To"], "wirtschaft@lra-mb.example")
        text = body_of(message)
        self.assertIn("wir laden Bäckerei Huber herzlich", text)
        link = link_in(text, "/befragung/t/")
        unsubscribe = link_in(text, "/befragung/abmelden/")
        self.assertTrue(link.startswith(SITE))
        self.assertEqual(message["List-Unsubscribe"], f"<{unsubscribe}>")
        # As it stands in the mail, not only as a parser decodes it: a folded, encoded header
        # ("=?utf-8?q?=3Chttp…") is no link to a mail program.
        self.assertEqual(dict(message.raw_items())["List-Unsubscribe"], f"<{unsubscribe}>")
        self.assertNotIn("<img", text)
        invitation = Invitation.objects.get()
        token = tokens.invitation_token(invitation.token_salt)
        self.assertEqual(link, f"{SITE}/befragung/t/{token}/")
        self.assertIsNotNone(invitation.sent_at)
        self.assertEqual(invitation.attempts, 1)
        page = self.client.get(urlsplit(link).path)
        self.assertContains(page, "Bedarfsbefragung")
        self.assertContains(page, 'name="consent"')
        self.assertContains(self.client.get(urlsplit(unsubscribe).path), "Ja, abmelden")
        # Everything is sent: the round page offers no "send" any more.
        page = self.client.get(reverse("surveys:round_detail", args=[self.round.pk]))
        self.assertNotContains(page, "Versendet")
        self.assertNotContains(page, 'type="submit" class="btn btn-primary">Einladungen senden')
        # The unsubscribe link travels in a header mail providers act on: it must not be the
        # key to the questionnaire.
        self.assertNotIn(token, unsubscribe)

    def test_one_refused_address_is_recorded_with_its_reason_and_a_retry_delivers_it(self):
        self.invite("eins@example.org", "kaputt@example.org", "drei@example.org")
        with SmtpServer(refuse={"kaputt@example.org"}) as smtp:
            with override_settings(MAILERS=smtp.mailers):
                self.send()
                run_tasks()
            self.assertEqual(sorted(smtp.recipients()), ["drei@example.org", "eins@example.org"])
            failed = Invitation.objects.get(email="kaputt@example.org")
            self.assertIsNotNone(failed.failed_at)
            self.assertIsNone(failed.sent_at)
            self.assertIn("Der Mailserver hat die Adresse abgelehnt (550", failed.failure_reason)
            page = self.client.get(reverse("surveys:round_detail", args=[self.round.pk]))
            self.assertContains(page, "Der Mailserver hat die Adresse abgelehnt")
            # The server's enhanced status code 5.1.1 is explained in plain German.
            self.assertContains(page, "Diese Adresse gibt es beim Empfänger nicht")
            self.assertContains(page, "erneut versuchen")

            smtp.refuse.clear()  # the mailbox exists now
            with override_settings(MAILERS=smtp.mailers):
                reply = self.client.post(
                    reverse("surveys:invitation_retry", args=[self.round.pk, failed.pk])
                )
                self.assertEqual(reply.status_code, 302)
                run_tasks()
            self.assertEqual(len(smtp.to("kaputt@example.org")), 1)
            self.assertEqual(len(smtp.messages), 3)  # nobody got a second mail
        failed.refresh_from_db()
        self.assertIsNotNone(failed.sent_at)
        self.assertIsNone(failed.failed_at)
        self.assertEqual(failed.failure_reason, "")
        self.assertEqual(failed.attempts, 2)

    def test_a_recipient_from_a_list_is_greeted_by_the_list_s_name(self):
        round_services.invitations_create(
            survey_round=self.round,
            recipients=[round_services.Recipient("info@mueller.example", name="Müller Bau GmbH")],
        )
        with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers):
            self.send()
            run_tasks()
        [message] = smtp.messages
        self.assertIn("wir laden Müller Bau GmbH herzlich", body_of(message))

    def test_sending_again_mails_nobody_twice(self):
        self.invite("eins@example.org", "zwei@example.org")
        with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers):
            self.send()
            self.send()
            run_tasks()
            self.send()
            run_tasks()
        self.assertEqual(sorted(smtp.recipients()), ["eins@example.org", "zwei@example.org"])

    def test_queueing_makes_one_task_per_hundred_invitations(self):
        self.invite(*[f"person{n}@example.org" for n in range(250)])
        queued = mailing.invitations_queue(survey_round=self.round)
        self.assertEqual(queued, 250)
        self.assertEqual(DBTaskResult.objects.ready().count(), 3)
        self.assertEqual(Invitation.objects.filter(queued_at__isnull=False).count(), 250)


class UnsubscribeTests(SendingTestCase):
    def test_an_unsubscribed_address_is_never_mailed_again(self):
        self.invite("weg@example.org", "bleibt@example.org")
        invitation = Invitation.objects.get(email="weg@example.org")
        url = reverse(
            "surveys:unsubscribe",
            args=[invitation.pk, tokens.unsubscribe_token(invitation.token_salt)],
        )
        self.client.logout()
        self.assertContains(self.client.get(url), "Ja, abmelden")
        self.assertFalse(OptOut.objects.exists())
        self.assertContains(self.client.post(url), "ist abgemeldet")
        self.assertTrue(OptOut.objects.filter(email="weg@example.org").exists())
        invitation.refresh_from_db()
        self.assertIsNotNone(invitation.opted_out_at)
        self.client.force_login(self.staff)
        with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers):
            self.send()
            run_tasks()
            mailing.reminder_create(survey_round=self.round)
            run_tasks()
        self.assertEqual(smtp.recipients(), ["bleibt@example.org"] * 2)

    def test_an_address_on_the_opt_out_list_is_left_out_when_sending(self):
        self.invite("gesperrt@example.org")
        OptOut.objects.create(email="Gesperrt@Example.org", source=OptOut.Source.STAFF)
        with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers):
            self.send()
            run_tasks()
        self.assertEqual(smtp.messages, [])
        self.assertIsNotNone(Invitation.objects.get().opted_out_at)

    def test_an_unknown_unsubscribe_link_says_so(self):
        self.invite("a@example.org")
        invitation = Invitation.objects.get()
        questionnaire_token = tokens.invitation_token(invitation.token_salt)
        self.client.logout()
        for args in ([invitation.pk, "x" * 43], [invitation.pk, questionnaire_token]):
            reply = self.client.get(reverse("surveys:unsubscribe", args=args))
            self.assertContains(reply, "nicht gültig", status_code=404)
        reply = self.client.get(reverse("surveys:unsubscribe_legacy", args=["x" * 43]))
        self.assertContains(reply, "nicht gültig", status_code=404)

    def test_an_unsubscribe_link_of_a_mail_sent_before_it_had_its_own_token_still_works(self):
        self.invite("alt@example.org")
        invitation = Invitation.objects.get()
        url = reverse(
            "surveys:unsubscribe_legacy", args=[tokens.invitation_token(invitation.token_salt)]
        )
        self.client.logout()
        self.assertContains(self.client.post(url), "ist abgemeldet")
        self.assertTrue(OptOut.objects.filter(email="alt@example.org").exists())


class ReminderTests(SendingTestCase):
    def setUp(self):
        super().setUp()
        self.invite(
            "offen@example.org",
            "begonnen@example.org",
            "fertig@example.org",
            "abgemeldet@example.org",
        )
        with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers):
            self.send()
            run_tasks()
        self.invite("neu@example.org")  # invited, not sent yet
        Invitation.objects.filter(email="begonnen@example.org").update(started=True)
        Invitation.objects.filter(email="fertig@example.org").update(started=True, completed=True)
        Invitation.objects.filter(email="abgemeldet@example.org").update(
            opted_out_at=timezone.now()
        )

    def test_a_reminder_now_reaches_only_sent_unfinished_invitations_not_opted_out(self):
        with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers):
            reply = self.remind_now()
            self.assertEqual(reply.status_code, 302)
            run_tasks()
            run_tasks()
        self.assertEqual(sorted(smtp.recipients()), ["begonnen@example.org", "offen@example.org"])
        self.assertTrue(all(m["Subject"].startswith("Erinnerung:") for m in smtp.messages))
        reminder = Reminder.objects.get()
        self.assertEqual(reminder.recipients, 2)
        self.assertEqual(Invitation.objects.get(email="offen@example.org").reminders_sent, 1)

    def test_a_planned_reminder_waits_for_its_date_and_goes_out_once(self):
        when = timezone.now() + datetime.timedelta(days=3)
        reply = self.plan_reminder(timezone.localtime(when).strftime("%Y-%m-%dT%H:%M"))
        self.assertEqual(reply.status_code, 302)
        with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers):
            run_tasks()
            self.assertEqual(smtp.messages, [])
            # Three days later: the task is due.
            past = timezone.now() - datetime.timedelta(minutes=1)
            Reminder.objects.update(scheduled_for=past)
            DBTaskResult.objects.filter(status="READY").update(run_after=past)
            run_tasks()
            mailing.mail_recover()  # a worker restart queues nothing new to send
            run_tasks()
        self.assertEqual(sorted(smtp.recipients()), ["begonnen@example.org", "offen@example.org"])

    def test_a_reminder_date_in_the_past_gets_a_german_message(self):
        reply = self.plan_reminder("2020-01-01T10:00")
        self.assertContains(reply, "muss in der Zukunft liegen", status_code=400)
        self.assertFalse(Reminder.objects.exists())


class LanguageAndClosingTests(SendingTestCase):
    def test_an_english_recipient_gets_the_english_text_and_an_english_link(self):
        round_services.invitations_create(
            survey_round=self.round,
            recipients=[round_services.Recipient("office@example.org", None, "en")],
        )
        with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers):
            self.send()
            run_tasks()
        [message] = smtp.messages
        self.assertTrue(message["Subject"].startswith("Invitation to the needs survey"))
        text = body_of(message)
        self.assertIn("we would like to invite your company", text)
        self.assertIn("?sprache=en", link_in(text, "/befragung/t/"))

    def test_a_closed_round_sends_nothing(self):
        self.invite("spaet@example.org")
        SurveyRound.objects.filter(pk=self.round.pk).update(
            opens_at=timezone.now() - datetime.timedelta(days=10),
            closes_at=timezone.now() - datetime.timedelta(days=1),
        )
        reply = self.send()
        self.assertEqual(reply.status_code, 302)
        self.assertFalse(DBTaskResult.objects.exists())
        self.assertIsNone(Invitation.objects.get().queued_at)


class RoundPhaseTests(SendingTestCase):
    """Before a round opens its links lead nowhere, after it closes nobody is asked any more:
    sending and reminders follow the round's period."""

    def move_round(self, *, opens_in: datetime.timedelta, closes_in: datetime.timedelta):
        now = timezone.now()
        SurveyRound.objects.filter(pk=self.round.pk).update(
            opens_at=now + opens_in, closes_at=now + closes_in
        )
        self.round.refresh_from_db()

    def test_invitations_sent_before_the_opening_go_out_when_the_round_opens(self):
        self.move_round(opens_in=datetime.timedelta(days=5), closes_in=datetime.timedelta(days=30))
        self.invite("frueh@example.org")
        page = self.client.get(reverse("surveys:round_detail", args=[self.round.pk]))
        self.assertContains(page, "geplant")
        self.assertContains(page, "gehen zu Beginn automatisch hinaus")
        self.assertContains(page, "1 Einladung ist noch nicht versandt; sie geht zu Beginn")
        with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers):
            reply = self.send()
            self.assertContains(
                self.client.get(reply["Location"]), "1 Einladung geht zu Beginn der Runde am"
            )
            run_tasks()
            mailing.mail_recover()  # a worker restart before the opening sends nothing either
            run_tasks()
            self.assertEqual(smtp.messages, [])
            # The opening has come: the waiting tasks are due.
            self.move_round(
                opens_in=-datetime.timedelta(minutes=1), closes_in=datetime.timedelta(days=30)
            )
            DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
            run_tasks()
        self.assertEqual(smtp.recipients(), ["frueh@example.org"])
        self.assertEqual(Invitation.objects.get().attempts, 1)

    def test_a_closed_round_offers_no_sending_and_refuses_a_reminder(self):
        self.invite("spaet@example.org")
        self.move_round(
            opens_in=-datetime.timedelta(days=10), closes_in=-datetime.timedelta(days=1)
        )
        page = self.client.get(reverse("surveys:round_detail", args=[self.round.pk]))
        self.assertContains(page, "Die Runde ist beendet")
        self.assertNotContains(page, "Einladungen senden")
        self.assertNotContains(page, "Erinnerung jetzt senden")
        self.assertNotContains(page, "Empfängerliste importieren")
        reply = self.client.post(
            reverse("surveys:reminder", args=[self.round.pk]), {"now": "1"}, follow=True
        )
        self.assertContains(reply, "Erinnerungen werden nicht mehr versandt")
        self.assertFalse(Reminder.objects.exists())

    def test_a_closed_round_takes_no_recipients_even_by_a_typed_address(self):
        self.move_round(
            opens_in=-datetime.timedelta(days=10), closes_in=-datetime.timedelta(days=1)
        )
        for name in ("recipients_import", "recipients_organizations"):
            url = reverse(f"surveys:{name}", args=[self.round.pk])
            for reply in (self.client.get(url), self.client.post(url, {"organization": "1"})):
                self.assertRedirects(
                    reply,
                    reverse("surveys:round_detail", args=[self.round.pk]),
                    fetch_redirect_response=False,
                )
        self.assertFalse(Invitation.objects.exists())

    def test_a_reminder_that_would_reach_nobody_is_refused(self):
        reply = self.client.post(
            reverse("surveys:reminder", args=[self.round.pk]), {"now": "1"}, follow=True
        )
        self.assertContains(reply, "Die Erinnerung ginge an niemanden")
        self.assertFalse(Reminder.objects.exists())
        self.assertFalse(DBTaskResult.objects.exists())

    def test_a_reminder_is_planned_only_after_the_opening(self):
        self.move_round(opens_in=datetime.timedelta(days=5), closes_in=datetime.timedelta(days=30))
        too_early = timezone.localtime(timezone.now() + datetime.timedelta(days=2))
        reply = self.plan_reminder(too_early.strftime("%Y-%m-%dT%H:%M"))
        self.assertContains(reply, "muss nach dem Beginn der Runde liegen", status_code=400)
        self.assertFalse(Reminder.objects.exists())

    def test_invitations_still_queued_when_the_round_closes_are_not_sent_late(self):
        self.invite("spaet@example.org")
        mailing.invitations_queue(survey_round=self.round)
        # The worker was down until after the round closed.
        self.move_round(
            opens_in=-datetime.timedelta(days=10), closes_in=-datetime.timedelta(minutes=1)
        )
        with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers):
            run_tasks()
            mailing.mail_recover()
            run_tasks()
        self.assertEqual(smtp.messages, [])
        invitation = Invitation.objects.get()
        self.assertIsNone(invitation.queued_at)  # shown as not sent, not as waiting
        self.assertIsNone(invitation.sent_at)


class FailedReminderTests(SendingTestCase):
    def test_a_reminder_the_mail_server_refuses_is_shown_at_its_invitation(self):
        self.invite("eins@example.org")
        with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers):
            self.send()
            run_tasks()
        with (
            SmtpServer(refuse={"eins@example.org"}) as smtp,
            override_settings(MAILERS=smtp.mailers),
        ):
            mailing.reminder_create(survey_round=self.round, user=self.staff)
            run_tasks()
            run_tasks()
        page = self.client.get(reverse("surveys:round_detail", args=[self.round.pk]))
        self.assertContains(page, "Erinnerung fehlgeschlagen: Der Mailserver hat die Adresse")
