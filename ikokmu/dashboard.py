"""Start-page panels and navigation entries, contributed by the apps.

ikokmu depends on no app, yet the start page shows every app's figures. So each app registers
its panels and menu entries in its AppConfig.ready(); the dashboard shows those whose roles
match the user.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest

from ikokmu.roles import Role, roles_of


@dataclass(frozen=True)
class Panel:
    """A box on the start page. `context` computes its figures (a constant number of queries)."""

    template: str
    roles: frozenset[Role]
    context: Callable[[HttpRequest], dict] = field(default=lambda request: {})
    order: int = 100


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    roles: frozenset[Role]
    order: int = 100


_panels: list[Panel] = []
_nav: list[NavEntry] = []


def register_panel(panel: Panel) -> None:
    _panels.append(panel)
    _panels.sort(key=lambda p: p.order)


def register_nav(entry: NavEntry) -> None:
    _nav.append(entry)
    _nav.sort(key=lambda e: e.order)


def _visible(roles_wanted: frozenset[Role], user) -> bool:
    if Role.PUBLIC in roles_wanted:
        return True
    if Role.AUTHENTICATED in roles_wanted:
        return user.is_authenticated
    return bool(roles_of(user) & roles_wanted)


def panels_for(request: HttpRequest) -> list[dict]:
    return [
        {"template": panel.template, "data": panel.context(request)}
        for panel in _panels
        if _visible(panel.roles, request.user)
    ]


def nav_for(user) -> list[NavEntry]:
    return [entry for entry in _nav if _visible(entry.roles, user)]


# The public start page ------------------------------------------------------------------------
#
# Visitors see no panels, but the start page may show what apps publish (upcoming events). A
# section's context returns {} to be left out.

_home_sections: list[Panel] = []


def register_home_section(section: Panel) -> None:
    if section not in _home_sections:
        _home_sections.append(section)
        _home_sections.sort(key=lambda s: s.order)


def home_sections_for(request: HttpRequest) -> list[dict]:
    shown = []
    for section in _home_sections:
        if not _visible(section.roles, request.user):
            continue
        data = section.context(request)
        if data:
            shown.append({"template": section.template, "data": data})
    return shown
