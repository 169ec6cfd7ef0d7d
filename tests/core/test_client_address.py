"""Behind the TLS proxy, every limit and record sees the person, not the proxy.

The token-guess limit, the login lock and the audit trail all ask ikokmu.client for the address.
Behind one trusted proxy that is the right-most X-Forwarded-For entry (the one the proxy wrote);
without a trusted proxy the header is ignored, because anyone can send it.
"""

from django.test import RequestFactory, SimpleTestCase, TestCase, override_settings
from django.urls import reverse

from ikokmu.client import client_address
from ikokmu.models import AuditEvent
from ikokmu.roles import Role
from surveys import services
from tests.factories import PASSWORD, user_with_role
from tests.surveys.helpers import demo_version, open_round, url

PROXY = "10.0.0.2"
GERMAN_LOCK = "vorübergehend gesperrt"


def behind_proxy(client_class, address, forged=None):
    """A test client whose requests reach the application through our proxy."""
    chain = f"{forged}, {address}" if forged else address
    return client_class(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=chain)


class ClientAddressTests(SimpleTestCase):
    def request(self, **meta):
        return RequestFactory().get("/", **meta)

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_behind_one_proxy_the_entry_the_proxy_wrote_counts(self):
        request = self.request(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
        self.assertEqual(client_address(request), "198.51.100.7")

    @override_settings(TRUSTED_PROXY_COUNT=2)
    def test_behind_two_proxies_the_second_entry_from_the_right_counts(self):
        request = self.request(
            REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7, 10.0.0.1"
        )
        self.assertEqual(client_address(request), "198.51.100.7")

    @override_settings(TRUSTED_PROXY_COUNT=0)
    def test_without_a_trusted_proxy_a_forged_header_changes_nothing(self):
        request = self.request(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.7")
        self.assertEqual(client_address(request), "203.0.113.5")

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_a_header_that_is_no_address_falls_back_to_the_connection(self):
        for header in ["<script>", "", " , ", "999.1.1.1"]:
            request = self.request(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=header)
            self.assertEqual(client_address(request), PROXY, header)

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_addresses_with_ports_are_read_without_them(self):
        for header, expected in [
            ("198.51.100.7:5123", "198.51.100.7"),
            ("[2001:db8::1]:443", "2001:db8::1"),
        ]:
            request = self.request(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=header)
            self.assertEqual(client_address(request), expected)


class TokenLimitBehindProxyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.round, _open_token = open_round(demo_version())

    def setUp(self):
        _invitation, self.token = services.invitation_create(survey_round=self.round)

    def guess_twenty_times(self, client):
        for n in range(20):
            self.assertEqual(client.get(url("respond", f"falsch-{n}")).status_code, 404)

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_one_persons_wrong_links_do_not_block_another_respondent(self):
        guesser = behind_proxy(self.client_class, "198.51.100.66")
        self.guess_twenty_times(guesser)
        self.assertEqual(guesser.get(url("respond", self.token)).status_code, 429)
        respondent = behind_proxy(self.client_class, "198.51.100.7")
        self.assertEqual(respondent.get(url("respond", self.token)).status_code, 200)

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_a_forged_left_entry_does_not_escape_the_limit_behind_the_proxy(self):
        for n in range(20):
            guesser = behind_proxy(self.client_class, "198.51.100.66", forged=f"192.0.2.{n}")
            guesser.get(url("respond", f"falsch-{n}"))
        guesser = behind_proxy(self.client_class, "198.51.100.66", forged="192.0.2.200")
        self.assertEqual(guesser.get(url("respond", self.token)).status_code, 429)

    @override_settings(TRUSTED_PROXY_COUNT=0)
    def test_without_the_proxy_setting_a_forged_header_does_not_escape_the_limit(self):
        for n in range(20):
            guesser = self.client_class(
                REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"
            )
            guesser.get(url("respond", f"falsch-{n}"))
        guesser = self.client_class(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="192.0.2.99")
        self.assertEqual(guesser.get(url("respond", self.token)).status_code, 429)


@override_settings(AXES_FAILURE_LIMIT=5)
class LoginLockBehindProxyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = user_with_role(Role.PROJECT_TEAM, username="miriam")

    def login(self, client, password):
        return client.post(reverse("login"), {"username": "miriam", "password": password})

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_an_attackers_failures_do_not_lock_staff_out_behind_the_proxy(self):
        attacker = behind_proxy(self.client_class, "198.51.100.66")
        for _ in range(5):
            self.login(attacker, "falsch-falsch-falsch")
        self.assertContains(self.login(attacker, PASSWORD), GERMAN_LOCK, status_code=429)
        miriam = behind_proxy(self.client_class, "198.51.100.7")
        self.assertRedirects(self.login(miriam, PASSWORD), reverse("dashboard"))

    @override_settings(TRUSTED_PROXY_COUNT=0)
    def test_failures_from_elsewhere_do_not_lock_the_user_name(self):
        attacker = self.client_class(REMOTE_ADDR="198.51.100.66")
        for _ in range(5):
            self.login(attacker, "falsch-falsch-falsch")
        miriam = self.client_class(REMOTE_ADDR="203.0.113.7")
        self.assertRedirects(self.login(miriam, PASSWORD), reverse("dashboard"))

    @override_settings(TRUSTED_PROXY_COUNT=0)
    def test_one_address_trying_many_names_is_stopped(self):
        attacker = self.client_class(REMOTE_ADDR="198.51.100.66")
        for n in range(5):
            attacker.post(reverse("login"), {"username": f"name{n}", "password": "falsch-falsch"})
        self.assertContains(self.login(attacker, PASSWORD), GERMAN_LOCK, status_code=429)

    @override_settings(TRUSTED_PROXY_COUNT=0)
    def test_without_the_proxy_setting_a_forged_header_does_not_escape_the_lock(self):
        for n in range(5):
            attacker = self.client_class(
                REMOTE_ADDR="198.51.100.66", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"
            )
            self.login(attacker, "falsch-falsch-falsch")
        attacker = self.client_class(REMOTE_ADDR="198.51.100.66", HTTP_X_FORWARDED_FOR="192.0.2.9")
        self.assertContains(self.login(attacker, PASSWORD), GERMAN_LOCK, status_code=429)

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_the_audit_trail_records_the_person_not_the_proxy(self):
        self.login(behind_proxy(self.client_class, "198.51.100.66", forged="192.0.2.1"), "falsch")
        self.login(behind_proxy(self.client_class, "198.51.100.7"), PASSWORD)
        failed = AuditEvent.objects.get(kind="login_failed")
        signed_in = AuditEvent.objects.get(kind="login")
        self.assertEqual(failed.ip_address, "198.51.100.66")
        self.assertEqual(signed_in.ip_address, "198.51.100.7")
