"""The mailing steps of a round (confirmation pages, test mails, removing and withdrawing
invitations) as each role sends them, GET and POST: district staff of the round's district and
the project team act, staff of another district get 404, the interview team 403, anonymous
visitors the sign-in page. The test mail's link is public and shows only the questionnaire.
(test_access_policy walks every URL with GET; these are the POST side of the new ones.)"""

from django.test import Client, TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from ikokmu.models import AuditEvent
from ikokmu.roles import Role
from surveys import round_services, tokens
from surveys.models import Invitation, SurveyRound
from tests.factories import DistrictFactory, user_with_role
from tests.surveys.helpers import demo_version, open_round
from tests.surveys.smtp import SmtpServer

ROLES = ["anonymous", "staff_b", "interview", "staff_a", "project"]


class MailingStepAccessTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.district_a = DistrictFactory(name="Landkreis Geheimhausen")
        district_b = DistrictFactory(name="Landkreis Nachbarsdorf")
        cls.round, _open = open_round(
            demo_version(), district=cls.district_a, access=SurveyRound.Access.INVITATION
        )
        cls.users = {
            "staff_a": user_with_role(Role.DISTRICT_STAFF, districts=[cls.district_a]),
            "staff_b": user_with_role(Role.DISTRICT_STAFF, districts=[district_b]),
            "interview": user_with_role(Role.INTERVIEW_TEAM),
            "project": user_with_role(Role.PROJECT_TEAM),
        }

    def setUp(self):
        round_services.invitations_create(
            survey_round=self.round,
            recipients=[
                round_services.Recipient("unsent@firma.example"),
                round_services.Recipient("sent@firma.example"),
            ],
        )
        Invitation.objects.filter(email="sent@firma.example").update(sent_at=timezone.now())

    def client_for(self, role):
        client = Client()
        if role != "anonymous":
            client.force_login(self.users[role])
        return client

    def addresses(self):
        pk = self.round.pk
        unsent = Invitation.objects.get(email="unsent@firma.example").pk
        sent = Invitation.objects.get(email="sent@firma.example").pk
        return [
            ("round_send", [pk]),
            ("round_send_test", [pk]),
            ("invitation_remove", [pk, unsent]),
            ("invitation_withdraw", [pk, sent]),
            ("invitations_remove", [pk]),
            ("reminder_confirm", [pk]),
            ("reminder_test", [pk]),
        ]

    def test_each_role_gets_what_the_policy_grants_on_every_mailing_step(self):
        login = reverse("login")
        with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers):
            for role in ROLES:
                client = self.client_for(role)
                for name, args in self.addresses():
                    url = reverse(f"surveys:{name}", args=args)
                    for method in ("get", "post"):
                        with self.subTest(role=role, url=name, method=method):
                            reply = getattr(client, method)(url)
                            self.assertLess(reply.status_code, 500)
                            if role == "anonymous":
                                self.assertEqual(reply.status_code, 302)
                                self.assertTrue(reply["Location"].startswith(login))
                            elif role == "staff_b":
                                self.assertEqual(reply.status_code, 404)
                                self.assertNotIn("Geheimhausen", reply.content.decode())
                            elif role == "interview":
                                self.assertEqual(reply.status_code, 403)
                            else:
                                self.assertIn(reply.status_code, (200, 302, 405))
                # Only the two allowed roles changed anything.
                allowed = role in ("staff_a", "project")
                if not allowed:
                    self.assertEqual(Invitation.objects.count(), 2, role)
                    self.assertFalse(
                        AuditEvent.objects.filter(kind=AuditEvent.Kind.MAILING).exists(), role
                    )
                    self.assertEqual(smtp.messages, [], role)
                else:
                    # Back to the start for the next role.
                    Invitation.objects.all().delete()
                    self.setUp()

    def test_the_test_link_is_public_and_shows_only_the_questionnaire(self):
        token = tokens.trial_token(self.round.pk, "de")
        for name, args in [
            ("trial_entry", [token]),
            ("trial_page", [token, 1]),
            ("trial_end", [token]),
            ("trial_unsubscribe", [token]),
        ]:
            with self.subTest(url=name):
                reply = Client().get(reverse(f"surveys:{name}", args=args))
                self.assertEqual(reply.status_code, 200)
                self.assertNotIn("unsent@firma.example", reply.content.decode())
