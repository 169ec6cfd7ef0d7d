"""Every page and file the platform answers with carries the Content Security Policy, the
Permissions-Policy and `Cache-Control: no-store`, and no page holds what the policy refuses
(style="" and on…="" attributes, inline <script> and <style>, javascript: links).

The walk opens every URL pattern of the project (as tests/access does) for a visitor, district
staff and the project team; tests/browser/test_content_security_policy.py checks the same pages
in Chromium, which reports every refusal of the policy.
"""

from html.parser import HTMLParser

import pytest
from django.test import Client, TestCase

from ikokmu.roles import Role
from surveys import services
from tests.access.test_access_policy import ALL_ROUTES, sample_path
from tests.factories import DistrictFactory, sample_objects_in, user_with_role
from tests.surveys.helpers import PAGE_ANSWERS, answer_page, consent, demo_version, open_round, url

EXPECTED_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
# Non-script data blocks (json_script) are not executed, so the policy lets them be.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


def policy_of(response) -> dict[str, str]:
    header = response.headers.get("Content-Security-Policy", "")
    directives = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {parts[0]: parts[1] if len(parts) > 1 else "" for parts in directives}


class InlineCode(HTMLParser):
    """Collects what a strict policy refuses in a page's markup."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f'<{tag} {name}="{value}">')
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f'<{tag} {name}="{value}">')
        if tag == "style":
            self.found.append("<style>")
        inline_script = tag == "script" and not attributes.get("src")
        if inline_script and attributes.get("type") not in DATA_SCRIPT_TYPES:
            self.found.append("<script> without src")


def inline_code_in(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def assert_page_headers(test, response):
    test.assertEqual(policy_of(response), EXPECTED_POLICY)
    test.assertEqual(
        response.headers.get("Permissions-Policy"), "camera=(), microphone=(), geolocation=()"
    )
    test.assertIn("no-store", response.headers.get("Cache-Control", ""))


@pytest.mark.django_db
class EveryPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.district = DistrictFactory(name="Landkreis Musterhausen", official_key="09911")
        cls.samples = sample_objects_in(cls.district)
        cls.users = {
            "district staff": user_with_role(
                Role.DISTRICT_STAFF, districts=[cls.district], username="staff"
            ),
            "project team": user_with_role(Role.PROJECT_TEAM, username="team"),
        }

    def test_every_page_carries_the_policies_and_no_store_and_no_inline_code(self):
        clients = {"visitor": Client()}
        for role, user in self.users.items():
            clients[role] = Client()
            clients[role].force_login(user)
        pages = 0
        for route in ALL_ROUTES:
            path = sample_path(route, self.samples)
            for role, client in clients.items():
                with self.subTest(url=route.view_name, path=path, role=role):
                    response = client.get(path)
                    assert_page_headers(self, response)
                    if response.headers.get("Content-Type", "").startswith("text/html"):
                        html = response.content.decode(errors="replace")
                        self.assertEqual(inline_code_in(html), [])
                        pages += response.status_code == 200
        # Most pages really rendered (rather than redirecting or refusing) for someone.
        self.assertGreater(pages, 150)

    def test_a_respondent_s_pages_and_answers_pdf_are_never_stored(self):
        survey_round, _open_token = open_round(demo_version(), self.district)
        _invitation, token = services.invitation_create(survey_round=survey_round)
        client = Client()
        answered = [client.get(url("respond", token)), consent(client, token)]
        for position in PAGE_ANSWERS:
            answered.append(client.get(url("page", token, position)))
            answered.append(answer_page(client, token, position))
        answered += [client.get(url("review", token)), client.post(url("review", token))]
        answered += [client.get(url("thanks", token)), client.get(url("answers_pdf", token))]
        self.assertEqual(answered[-1]["Content-Type"], "application/pdf")
        for response in answered:
            with self.subTest(url=response.wsgi_request.path, status=response.status_code):
                self.assertLess(response.status_code, 400)
                assert_page_headers(self, response)
                if response["Content-Type"].startswith("text/html"):
                    self.assertEqual(inline_code_in(response.content.decode()), [])

    def test_the_checker_finds_what_the_policy_refuses(self):
        self.assertEqual(
            inline_code_in(
                '<p style="color: red">x</p><form onsubmit="return false"></form>'
                "<style>p {}</style><script>alert(1)</script>"
                '<a href="javascript:alert(1)">x</a><script src="/static/x.js"></script>'
                '<script type="application/json">{}</script>'
            ),
            [
                '<p style="color: red">',
                '<form onsubmit="return false">',
                "<style>",
                "<script> without src",
                '<a href="javascript:alert(1)">',
            ],
        )
