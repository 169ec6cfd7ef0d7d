"""Every URL of the project is declared in the access policy, and every role gets exactly that.

The test walks the whole URL configuration, so a URL added by a later issue without a policy entry
fails here. For each URL it signs in as each role and checks: allowed roles reach the page;
forbidden roles get 403, 404 or the login page, and never see the data behind the URL.
District-scoped URLs point at district A's data: staff of district B must not get it.
"""

import re
from dataclasses import dataclass

import pytest
from django.test import Client, TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ikokmu.access import POLICY, Rule, rule_for
from ikokmu.roles import Role
from tests.factories import (
    DistrictFactory,
    sample_objects_in,
    user_with_role,
    worker_heartbeat_ran,
)

SECRET_DISTRICT_NAME = "Landkreis Geheimhausen"
SECRET_ORGANIZATION_NAME = "Geheimwerk Schmid GmbH"


@dataclass(frozen=True)
class Route:
    view_name: str  # "namespace:name", or the pattern's regex for unnamed ones
    namespaces: tuple[str, ...]
    pattern: str
    converters: dict


def walk(resolver=None, namespaces=(), prefix="") -> list[Route]:
    resolver = resolver or get_resolver()
    routes = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            routes += walk(entry, inner, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            name = ":".join((*namespaces, entry.name)) if entry.name else None
            routes.append(
                Route(
                    view_name=name or f"<unnamed {prefix}{entry.pattern}>",
                    namespaces=namespaces,
                    pattern=prefix + str(entry.pattern),
                    converters={
                        **getattr(resolver.pattern, "converters", {}),
                        **getattr(entry.pattern, "converters", {}),
                    },
                )
            )
    return routes


ALL_ROUTES = walk()


def test_every_url_pattern_is_declared_in_the_access_policy():
    undeclared = [r.view_name for r in ALL_ROUTES if rule_for(r.view_name, r.namespaces) is None]
    assert undeclared == [], f"URLs without an access-policy entry: {undeclared}"


def test_every_policy_entry_names_a_real_url():
    names = {r.view_name for r in ALL_ROUTES}
    namespaces = {":".join(r.namespaces) + ":*" for r in ALL_ROUTES if r.namespaces}
    stale = [key for key in POLICY if key not in names and key not in namespaces]
    assert stale == [], f"Policy entries for URLs that do not exist: {stale}"


def sample_path(route: Route, samples: dict[str, int]) -> str | None:
    """A concrete path for a route; keyword values point at district A's data.

    `samples` maps keyword names (district_pk, organization_pk, …) to objects of district A;
    any other int keyword gets district A's pk.
    """
    path = route.pattern.lstrip("^").rstrip("$").replace("\\Z", "")
    values = {"slug": "impressum", "uidb64": "MQ", "token": "abc-def"}

    def replace(match):
        converter, name = match.group(1), match.group(2)
        if name in values:
            return values[name]
        if name in samples:
            return str(samples[name])
        return str(samples["district_pk"]) if converter == "int" else "1"

    path = re.sub(r"<(?:(\w+):)?(\w+)>", replace, path)
    if "(?P<" in path or "(" in path:  # a regex pattern (admin's catch-all): try one value
        path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)
        path = re.sub(r"[()?*+\\.]", "", path)
    return "/" + path


ROLES = ["anonymous", "staff_a", "staff_b", "interview", "project"]


def expected_allowed(rule: Rule, role: str) -> bool:
    if Role.PUBLIC in rule.roles:
        return True
    if role == "anonymous":
        return False
    if Role.AUTHENTICATED in rule.roles:
        return True
    held = {
        "staff_a": Role.DISTRICT_STAFF,
        "staff_b": Role.DISTRICT_STAFF,
        "interview": Role.INTERVIEW_TEAM,
        "project": Role.PROJECT_TEAM,
    }[role]
    if held not in rule.roles:
        return False
    # The sample data belongs to district A: staff of district B must not reach it.
    return not (rule.district_scoped and role == "staff_b")


@pytest.mark.django_db
class AccessMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.district_a = DistrictFactory(name=SECRET_DISTRICT_NAME, official_key="09901")
        cls.district_b = DistrictFactory(name="Landkreis Nachbarsdorf", official_key="09902")
        cls.samples = sample_objects_in(cls.district_a, SECRET_ORGANIZATION_NAME)
        # A healthy platform: /gesundheit/ answers 503 without a recent worker heartbeat.
        worker_heartbeat_ran()
        cls.users = {
            "staff_a": user_with_role(
                Role.DISTRICT_STAFF, districts=[cls.district_a], username="staff-a"
            ),
            "staff_b": user_with_role(
                Role.DISTRICT_STAFF, districts=[cls.district_b], username="staff-b"
            ),
            "interview": user_with_role(Role.INTERVIEW_TEAM, username="interview"),
            "project": user_with_role(Role.PROJECT_TEAM, username="project"),
        }

    def client_for(self, role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(self.users[role])
        return client

    def test_each_role_gets_exactly_what_the_policy_grants(self):
        login_url = reverse("login")
        clients = {role: self.client_for(role) for role in ROLES}
        checked = 0
        for route in ALL_ROUTES:
            rule = rule_for(route.view_name, route.namespaces)
            path = sample_path(route, self.samples)
            for role in ROLES:
                with self.subTest(url=route.view_name, path=path, role=role):
                    response = clients[role].get(path)
                    to_login = response.status_code == 302 and response["Location"].startswith(
                        login_url
                    )
                    body = response.content.decode(errors="replace")
                    self.assertLess(response.status_code, 500)
                    if expected_allowed(rule, role):
                        # A view may still refuse (the admin's read-only audit trail has no
                        # "add"), but the policy must not.
                        denied = getattr(response.wsgi_request, "denied_by_access_policy", False)
                        self.assertFalse(denied, "the policy refused an allowed role")
                        self.assertFalse(to_login, "allowed role was sent to the login page")
                        if not route.view_name.startswith("admin:"):
                            self.assertNotEqual(response.status_code, 403)
                    else:
                        self.assertTrue(
                            response.status_code in (403, 404) or to_login,
                            f"forbidden role got {response.status_code}",
                        )
                        self.assertNotIn(SECRET_DISTRICT_NAME, body)
                        self.assertNotIn(SECRET_ORGANIZATION_NAME, body)
                    checked += 1
        self.assertGreater(checked, 5 * 20)

    def test_staff_see_their_own_district_page(self):
        response = self.client_for("staff_a").get(
            reverse("districts:detail", args=[self.district_a.pk])
        )
        self.assertContains(response, SECRET_DISTRICT_NAME)

    def test_staff_of_another_district_get_not_found(self):
        response = self.client_for("staff_b").get(
            reverse("districts:detail", args=[self.district_a.pk])
        )
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(response, SECRET_DISTRICT_NAME, status_code=404)
