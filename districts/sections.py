"""Extra sections of the district page, contributed by apps built on the districts app.

    from districts.sections import DistrictSection, register_district_section
    register_district_section(DistrictSection(
        "events/district_events.html",
        lambda district, request: {"events": upcoming_for_district(district)},
        order=100,
    ))

The template gets `district` and `data`; a section whose context is empty is left out. Keep
each context to a constant number of queries.

Personal data held by such apps about a contact person is covered by Art. 15 export and
Art. 17 erasure through `register_personal_data`: `export(contact)` returns plain data for the
export, `erase(contact)` deletes it (before the contact goes) and returns how many records.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class DistrictSection:
    template: str
    context: Callable[[object, HttpRequest], dict]
    order: int = 100


_sections: list[DistrictSection] = []


def register_district_section(section: DistrictSection) -> None:
    if section not in _sections:
        _sections.append(section)
        _sections.sort(key=lambda s: s.order)


def district_sections(district, request: HttpRequest) -> list[dict]:
    shown = []
    for section in _sections:
        data = section.context(district, request)
        if data:
            shown.append({"template": section.template, "data": data})
    return shown


@dataclass(frozen=True)
class PersonalDataSource:
    key: str  # the key of its part in the Art. 15 export
    export: Callable[[object], list]
    erase: Callable[[object], int]


_personal_data: dict[str, PersonalDataSource] = {}


def register_personal_data(source: PersonalDataSource) -> None:
    _personal_data[source.key] = source


def personal_data_sources() -> list[PersonalDataSource]:
    return list(_personal_data.values())
