"""What the events app adds to pages other apps own: menu, start pages, the district page,
"Wer hilft uns?" and the personal-data requests of districts. Connected in EventsConfig.ready();
the base apps know nothing of events."""

from django.utils.translation import gettext_lazy as _


def _district_section(district, request) -> dict:
    from events import queries

    events = queries.upcoming_for_district(district)
    # The page shows the section also when there is nothing yet, with a link to plan one.
    return {"events": events, "district": district, "show": True}


def _match_section(result, request) -> dict:
    from events import queries

    if getattr(result, "district", None) is None:
        return {}
    events = queries.upcoming_for_district(result.district, limit=3)
    return {"events": events, "district": result.district} if events else {}


def _home_section(request) -> dict:
    from events import queries

    events = queries.upcoming(limit=3)
    return {"events": events} if events else {}


def _staff_panel(request) -> dict:
    from events import queries

    return {"events": queries.upcoming_for_user(request.user, limit=5)}


def _export(contact) -> list:
    from events.services import registrations_personal_data

    return registrations_personal_data(contact=contact)


def _erase(contact) -> int:
    from events.services import registrations_erase

    return registrations_erase(contact=contact)


def _recover_mail() -> int:
    from events.mailing import mail_recover

    return mail_recover()


def connect() -> None:
    from catalog.sections import MatchSection, register_match_section
    from districts.sections import (
        DistrictSection,
        PersonalDataSource,
        register_district_section,
        register_personal_data,
    )
    from ikokmu.dashboard import (
        NavEntry,
        Panel,
        register_home_section,
        register_nav,
        register_panel,
    )
    from ikokmu.roles import Role
    from ikokmu.worker import register_recovery

    everyone = frozenset({Role.PUBLIC})
    organisers = frozenset({Role.PROJECT_TEAM, Role.DISTRICT_STAFF})
    register_nav(NavEntry(_("Veranstaltungen"), "events:calendar", everyone, order=220))
    register_nav(NavEntry(_("Veranstaltungen planen"), "events:manage_list", organisers, order=30))
    register_panel(Panel("events/panels/upcoming.html", organisers, _staff_panel, order=150))
    register_home_section(Panel("events/panels/home.html", everyone, _home_section, order=100))
    register_district_section(
        DistrictSection("events/sections/district.html", _district_section, order=100)
    )
    register_match_section(MatchSection("events/sections/match.html", _match_section, order=100))
    register_personal_data(PersonalDataSource("event_registrations", _export, _erase))
    register_recovery("events", _recover_mail)
