"""A new SECRET_KEY with the old one in SECRET_KEY_FALLBACKS breaks no link already sent: the
reminder carries the invitation's link, the old unsubscribe link works, staff stay signed in."""

from urllib.parse import urlsplit

from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from surveys import mailing
from surveys.models import SurveyRound
from tests.surveys.helpers import open_round
from tests.surveys.smtp import SmtpServer, run_tasks
from tests.surveys.test_mailing import SendingTestCase, body_of, link_in

NEW_KEY = "a-new-production-key-after-rotation-" + "x" * 30


class SecretKeyRotationTests(SendingTestCase):
    def test_links_sent_under_the_old_key_keep_working_after_the_change(self):
        self.invite("info@baeckerei-huber.example", organization=self.bakery)
        with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers):
            self.send()
            run_tasks()
        [invitation_mail] = smtp.messages
        link = link_in(body_of(invitation_mail), "/befragung/t/")
        unsubscribe = link_in(body_of(invitation_mail), "/befragung/abmelden/")

        with override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[settings.SECRET_KEY]):
            # Staff signed in before the change stay signed in.
            page = self.client.get(reverse("surveys:round_detail", args=[self.round.pk]))
            self.assertEqual(page.status_code, 200)
            with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers):
                mailing.reminder_create(survey_round=self.round)
                run_tasks()
                run_tasks()
            [reminder] = smtp.messages
            self.assertEqual(link_in(body_of(reminder), "/befragung/t/"), link)
            self.client.logout()
            self.assertContains(self.client.get(urlsplit(link).path), 'name="consent"')
            self.assertContains(self.client.get(urlsplit(unsubscribe).path), "Ja, abmelden")

    def test_the_round_page_shows_the_open_link_given_out_before_the_change(self):
        survey_round, open_token = open_round(
            self.version, district=self.district, access=SurveyRound.Access.BOTH
        )
        with override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[settings.SECRET_KEY]):
            self.client.force_login(self.staff)
            page = self.client.get(reverse("surveys:round_detail", args=[survey_round.pk]))
            self.assertContains(page, f"/befragung/offen/{open_token}/")
            self.client.logout()
            self.assertContains(
                self.client.get(reverse("surveys:open_entry", args=[open_token])),
                'name="consent"',
            )
