"""Signing in and out, throttling after failed attempts, password change and reset."""

from django.core import mail
from django.test import TestCase, override_settings
from django.urls import reverse

from ikokmu.models import AuditEvent
from ikokmu.roles import Role
from tests.factories import PASSWORD, user_with_role

GERMAN_LOGIN_ERROR = "Benutzername oder Passwort stimmen nicht"


class LoginTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = user_with_role(Role.PROJECT_TEAM, username="miriam", email="miriam@example.org")

    def login(self, username, password):
        return self.client.post(reverse("login"), {"username": username, "password": password})

    def test_user_signs_in_and_lands_on_the_start_page(self):
        response = self.login("miriam", PASSWORD)
        self.assertRedirects(response, reverse("dashboard"))
        self.assertTrue(AuditEvent.objects.filter(kind="login", actor_username="miriam").exists())

    def test_wrong_password_shows_the_german_error_that_reveals_nothing(self):
        wrong_password = self.login("miriam", "falsch-falsch-falsch")
        unknown_user = self.login("niemand", "falsch-falsch-falsch")
        self.assertContains(wrong_password, GERMAN_LOGIN_ERROR)
        self.assertContains(unknown_user, GERMAN_LOGIN_ERROR)
        # The same words whether the name or the password was wrong.
        self.assertEqual(wrong_password.context["form"].errors, unknown_user.context["form"].errors)
        self.assertEqual(AuditEvent.objects.filter(kind="login_failed").count(), 2)

    def test_login_keeps_the_entered_user_name(self):
        response = self.login("miriam", "falsch-falsch-falsch")
        self.assertContains(response, 'value="miriam"')

    @override_settings(AXES_FAILURE_LIMIT=5)
    def test_five_failed_logins_lock_the_account_for_a_while(self):
        for _ in range(5):
            self.login("miriam", "falsch-falsch-falsch")
        response = self.login("miriam", PASSWORD)  # even the right password now waits
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "vorübergehend gesperrt", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_sign_out_ends_the_session(self):
        self.client.force_login(self.user)
        response = self.client.post(reverse("logout"))
        self.assertRedirects(response, reverse("home"))
        self.assertNotIn("_auth_user_id", self.client.session)


class PasswordTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = user_with_role(
            Role.DISTRICT_STAFF, username="sabine", email="sabine@example.org"
        )

    def test_password_change_refuses_short_and_common_passwords_in_german(self):
        self.client.force_login(self.user)
        response = self.client.post(
            reverse("password_change"),
            {"old_password": PASSWORD, "new_password1": "kurz123", "new_password2": "kurz123"},
        )
        self.assertContains(response, "mindestens 12 Zeichen")
        response = self.client.post(
            reverse("password_change"),
            {
                "old_password": PASSWORD,
                "new_password1": "password1234",
                "new_password2": "password1234",
            },
        )
        self.assertContains(response, "Dieses Passwort ist zu üblich.")

    def test_password_change_is_hashed_with_argon2_and_recorded(self):
        self.client.force_login(self.user)
        response = self.client.post(
            reverse("password_change"),
            {
                "old_password": PASSWORD,
                "new_password1": "Herbstlaub-über-Miesbach",
                "new_password2": "Herbstlaub-über-Miesbach",
            },
        )
        self.assertRedirects(response, reverse("password_change_done"))
        self.user.refresh_from_db()
        self.assertTrue(self.user.password.startswith("argon2"))
        self.assertTrue(AuditEvent.objects.filter(kind="password_change").exists())

    def test_password_reset_sends_a_german_mail_with_a_working_link(self):
        response = self.client.post(reverse("password_reset"), {"email": "sabine@example.org"})
        self.assertRedirects(response, reverse("password_reset_done"))
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertIn("Passwort", message.subject + message.body)
        link = next(word for word in message.body.split() if "/konto/passwort-neu/" in word)
        path = link[link.index("/konto/") :]
        form_page = self.client.get(path, follow=True)
        self.assertContains(form_page, "Neues Passwort festlegen")
        done = self.client.post(
            form_page.redirect_chain[-1][0],
            {
                "new_password1": "Herbstlaub-über-Miesbach",
                "new_password2": "Herbstlaub-über-Miesbach",
            },
        )
        self.assertRedirects(done, reverse("password_reset_complete"))

    def test_password_reset_for_an_unknown_address_looks_the_same(self):
        response = self.client.post(reverse("password_reset"), {"email": "fremd@example.org"})
        self.assertRedirects(response, reverse("password_reset_done"))
        self.assertEqual(len(mail.outbox), 0)
