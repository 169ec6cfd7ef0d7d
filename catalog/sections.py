"""Extra sections of the measure page, contributed by other apps.

The catalogue uses none of the apps built on it, yet a measure's page shows, for example, the
published best-practice examples of the interview study. Such an app registers a section in its
AppConfig.ready():

    from catalog.sections import MeasureSection, register_measure_section
    register_measure_section(MeasureSection(
        "interviews/measure_best_practices.html",
        lambda measure, request: {"examples": published_examples_for(measure)},
        order=100,
    ))

The template gets `measure` and `data`; a section whose context is empty is left out. Keep the
context to a constant number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class MeasureSection:
    template: str
    context: Callable[[object, HttpRequest], dict]
    order: int = 100


_sections: list[MeasureSection] = []


def register_measure_section(section: MeasureSection) -> None:
    if section not in _sections:
        _sections.append(section)
        _sections.sort(key=lambda s: s.order)


def unregister_measure_section(section: MeasureSection) -> None:
    if section in _sections:
        _sections.remove(section)


def measure_sections(measure, request: HttpRequest) -> list[dict]:
    shown = []
    for section in _sections:
        data = section.context(measure, request)
        if data:
            shown.append({"template": section.template, "data": data})
    return shown


# Sections of "Wer hilft uns?" -----------------------------------------------------------------
#
# The results for a district may show what other apps know about it (the events app: upcoming
# events there). The context gets the match result (with `district`) and the request.


@dataclass(frozen=True)
class MatchSection:
    template: str
    context: Callable[[object, HttpRequest], dict]
    order: int = 100


_match_sections: list[MatchSection] = []


def register_match_section(section: MatchSection) -> None:
    if section not in _match_sections:
        _match_sections.append(section)
        _match_sections.sort(key=lambda s: s.order)


def match_sections(result, request: HttpRequest) -> list[dict]:
    shown = []
    for section in _match_sections:
        data = section.context(result, request)
        if data:
            shown.append({"template": section.template, "data": data})
    return shown
