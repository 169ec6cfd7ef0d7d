"""Who may use the events pages.

The calendar, event pages, calendar files and a registrant's own page (by personal link) are
public. Organising is for the project team and district staff; everything about one event is
`district_scoped`: staff reach only events of their districts (events.queries)."""

from ikokmu.access import PROJECT, PROJECT_AND_DISTRICTS, PUBLIC, Rule, register

SCOPED = Rule(PROJECT_AND_DISTRICTS, district_scoped=True)

register(
    {
        "events:calendar": Rule(PUBLIC),
        "events:detail": Rule(PUBLIC),
        "events:event_ics": Rule(PUBLIC),
        "events:district_feed": Rule(PUBLIC),
        "events:registration": Rule(PUBLIC),
        "events:manage_list": Rule(PROJECT_AND_DISTRICTS),
        "events:create": Rule(PROJECT_AND_DISTRICTS),
        "events:manage": SCOPED,
        "events:edit": SCOPED,
        "events:status": SCOPED,
        "events:check_in": SCOPED,
        "events:export": SCOPED,
        "events:sign_in_sheet": SCOPED,
        "events:close": SCOPED,
        "events:registration_status": SCOPED,
        # Art. 15 and 17 for a registrant: the project team, as for contact persons.
        "events:registration_data": Rule(PROJECT, district_scoped=True),
        "events:registration_erase": Rule(PROJECT, district_scoped=True),
    }
)
