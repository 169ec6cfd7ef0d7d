"""The access policy: which roles may use which URL.

Every URL pattern of the project is declared by its name ("namespace:name"), or a whole
namespace by "namespace:*": the platform's own URLs below, each app's in `<app>/access.py`.
The middleware below enforces the policy before any view runs and refuses URLs that are not
declared, so a forgotten entry fails closed. tests/access walks the URL configuration and checks
both that every pattern is declared and that every role gets exactly what the policy grants.

`district_scoped` marks URLs that show one district's data: district staff may open them only for
their own districts. The view enforces that through its queryset (districts.queries); the access
test checks it with staff of another district.
"""

import logging
from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from ikokmu.roles import Role, roles_of

logger = logging.getLogger(__name__)

PUBLIC = frozenset({Role.PUBLIC})
SIGNED_IN = frozenset({Role.AUTHENTICATED})
PROJECT = frozenset({Role.PROJECT_TEAM})
PROJECT_AND_DISTRICTS = frozenset({Role.PROJECT_TEAM, Role.DISTRICT_STAFF})


@dataclass(frozen=True)
class Rule:
    roles: frozenset[Role]
    district_scoped: bool = False


POLICY: dict[str, Rule] = {
    # Public pages
    "home": Rule(PUBLIC),
    "favicon": Rule(PUBLIC),
    "legal_page": Rule(PUBLIC),
    "set_language": Rule(PUBLIC),
    # Monitoring: says whether database and worker are alive, nothing about the data.
    "health": Rule(PUBLIC),
    # Signing in and out, passwords
    "login": Rule(PUBLIC),
    "logout": Rule(PUBLIC),
    "password_reset": Rule(PUBLIC),
    "password_reset_done": Rule(PUBLIC),
    "password_reset_confirm": Rule(PUBLIC),
    "password_reset_complete": Rule(PUBLIC),
    "password_change": Rule(SIGNED_IN),
    "password_change_done": Rule(SIGNED_IN),
    # Start page of every role
    "dashboard": Rule(SIGNED_IN),
    # Project team only
    "legal_page_edit": Rule(PROJECT),
    "audit_log": Rule(PROJECT),
    "admin:*": Rule(PROJECT),
}


def register(rules: dict[str, Rule]) -> None:
    """Add an app's rules. Each app declares its URLs in `<app>/access.py`, which calls this;
    ikokmu.apps imports those modules at start-up (like the admin's autodiscovery)."""
    clash = set(rules) & set(POLICY)
    if clash:
        raise ValueError(f"URL names declared twice in the access policy: {sorted(clash)}")
    POLICY.update(rules)


def rule_for(view_name: str, namespaces: list[str] | tuple[str, ...] = ()) -> Rule | None:
    """The rule for a resolved URL, by exact name or by namespace wildcard."""
    if view_name in POLICY:
        return POLICY[view_name]
    for depth in range(len(namespaces), 0, -1):
        wildcard = ":".join(namespaces[:depth]) + ":*"
        if wildcard in POLICY:
            return POLICY[wildcard]
    return None


def may_use(user, rule: Rule) -> bool:
    if Role.PUBLIC in rule.roles:
        return True
    if not user.is_authenticated:
        return False
    return Role.AUTHENTICATED in rule.roles or bool(roles_of(user) & rule.roles)


class AccessPolicyMiddleware:
    """Enforces POLICY for every request that reaches a view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        rule = rule_for(match.view_name, match.namespaces)
        if rule is None:
            logger.error("URL %s has no entry in the access policy", match.view_name)
            raise PermissionDenied
        if may_use(request.user, rule):
            return None
        # Marks the refusal as the policy's own, apart from a 403 a view decides (tests read it).
        request.denied_by_access_policy = True
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
