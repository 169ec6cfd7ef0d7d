"""Staff are signed out after 60 minutes without a request and 10 hours after signing in, however
busy; each request renews the idle clock. The clocks are the session's own stamps, set back here
as the passing of time would."""

import time

import pytest
from django.conf import settings
from django.test import TestCase
from django.urls import reverse

from ikokmu.middleware import LAST_SEEN_AT, SIGNED_IN_AT
from ikokmu.models import AuditEvent
from ikokmu.roles import Role
from tests.factories import DistrictFactory, user_with_role

MINUTE = 60


@pytest.mark.django_db
class StaffSessionTimeoutTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.district = DistrictFactory(name="Landkreis Musterhausen", official_key="09911")
        cls.staff = user_with_role(Role.DISTRICT_STAFF, districts=[cls.district], username="lra")

    def setUp(self):
        self.client.force_login(self.staff)

    def set_clocks_back(self, *, idle: int = 0, signed_in: int = 0):
        session = self.client.session
        session[LAST_SEEN_AT] -= idle
        session[SIGNED_IN_AT] -= signed_in
        session.save()

    def test_the_idle_timeout_is_60_minutes_by_default(self):
        self.assertEqual(settings.SESSION_IDLE_TIMEOUT, 60 * MINUTE)

    def test_staff_idle_for_61_minutes_are_signed_out_and_asked_to_sign_in_again(self):
        self.set_clocks_back(idle=61 * MINUTE, signed_in=61 * MINUTE)
        reply = self.client.get(reverse("dashboard"), follow=True)
        self.assertEqual(reply.redirect_chain[0][0], f"{reverse('login')}?next=/start/")
        self.assertContains(reply, "nach 60 Minuten ohne Aktivität abgemeldet")
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertTrue(
            AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGOUT, actor_id=self.staff.pk).exists()
        )
        # Signed out for good: the next page asks for the sign-in again.
        again = self.client.get(reverse("districts:detail", args=[self.district.pk]))
        self.assertEqual(again.status_code, 302)
        self.assertTrue(again["Location"].startswith(reverse("login")))

    def test_staff_idle_for_59_minutes_stay_signed_in_and_the_clock_starts_again(self):
        self.set_clocks_back(idle=59 * MINUTE, signed_in=59 * MINUTE)
        reply = self.client.get(reverse("dashboard"))
        self.assertEqual(reply.status_code, 200)
        self.assertAlmostEqual(self.client.session[LAST_SEEN_AT], time.time(), delta=5)
        # Another 59 quiet minutes from there are still within the limit.
        self.set_clocks_back(idle=59 * MINUTE, signed_in=59 * MINUTE)
        self.assertEqual(self.client.get(reverse("dashboard")).status_code, 200)

    def test_busy_staff_are_signed_out_10_hours_after_signing_in(self):
        self.set_clocks_back(idle=MINUTE, signed_in=10 * 60 * MINUTE + MINUTE)
        reply = self.client.get(reverse("dashboard"), follow=True)
        self.assertContains(reply, "Ihre Anmeldung ist nach 10 Stunden abgelaufen")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_a_timed_out_htmx_request_sends_the_whole_page_to_the_sign_in(self):
        self.set_clocks_back(idle=61 * MINUTE)
        page = reverse("districts:detail", args=[self.district.pk])
        reply = self.client.get(
            page,
            headers={"HX-Request": "true", "HX-Current-URL": f"http://testserver{page}?x=1"},
        )
        back = page.replace("/", "%2F")
        self.assertEqual(reply["HX-Redirect"], f"{reverse('login')}?next={back}")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_signing_in_again_starts_both_clocks(self):
        self.set_clocks_back(idle=61 * MINUTE)
        self.client.get(reverse("dashboard"))
        self.client.force_login(self.staff)
        self.assertEqual(self.client.get(reverse("dashboard")).status_code, 200)
        self.assertAlmostEqual(self.client.session[SIGNED_IN_AT], time.time(), delta=5)
