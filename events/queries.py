"""Reads of the events app. Everything district staff reach is scoped here."""

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import (
    Coalesce,
    Lower,  # noqa: I001
)
from django.utils import timezone

from catalog.models import FieldOfAction
from districts.models import District, Organization
from districts.queries import districts_visible_to
from events.models import Event, Registration
from ikokmu.roles import Role, roles_of

PUBLIC_STATUSES = [Event.Status.PUBLISHED, Event.Status.CANCELLED]


def events_visible_to(user) -> QuerySet[Event]:
    """Every event for the project team; for district staff those of their districts (events
    for all of Bavaria are the project team's)."""
    roles = roles_of(user)
    if Role.PROJECT_TEAM in roles:
        return Event.objects.all()
    if Role.DISTRICT_STAFF in roles:
        return Event.objects.filter(
            pk__in=Event.objects.filter(districts__in=districts_visible_to(user)).values("pk")
        )
    return Event.objects.none()


HOLDING_PLACE = [
    Registration.Status.REGISTERED,
    Registration.Status.ATTENDED,
    Registration.Status.NO_SHOW,
]


def _registrations_counted(statuses) -> Coalesce:
    """A correlated count, not a join with GROUP BY: the calendar's paginator counts events
    without it (Django leaves unused annotations out of count()), and PostgreSQL computes it
    only for the rows of the page."""
    counted = (
        Registration.objects.filter(event=OuterRef("pk"), status__in=statuses)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.annotate(
        registered_count=_registrations_counted(HOLDING_PLACE),
        waitlist_count=_registrations_counted([Registration.Status.WAITLISTED]),
    )


def _for_listing(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.prefetch_related(
        Prefetch("districts", queryset=District.objects.order_by("name")),
        Prefetch("fields_of_action", queryset=FieldOfAction.objects.order_by("position")),
    )


def public_calendar(*, district=None, event_format: str = "", field=None) -> QuerySet[Event]:
    """Upcoming published (and cancelled, marked so) events, soonest first. A district's
    calendar holds its own events and those for all of Bavaria."""
    events = Event.objects.filter(status__in=PUBLIC_STATUSES, end_at__gte=timezone.now())
    if district is not None:
        events = events.filter(
            Q(all_bavaria=True)
            | Exists(
                Event.districts.through.objects.filter(event=OuterRef("pk"), district=district)
            )
        )
    if event_format:
        events = events.filter(format=event_format)
    if field is not None:
        events = events.filter(
            Exists(
                Event.fields_of_action.through.objects.filter(
                    event=OuterRef("pk"), fieldofaction=field
                )
            )
        )
    return _for_listing(with_counts(events)).order_by("start_at", "pk")


FEED_LIMIT = 500


def district_feed(district) -> QuerySet[Event]:
    """A district's subscription: its upcoming events and those for all Bavaria, soonest first
    (calendar programs read the whole file on every refresh, so nothing beyond what it shows)."""
    return (
        Event.objects.filter(status__in=PUBLIC_STATUSES, end_at__gte=timezone.now())
        .filter(
            Q(all_bavaria=True)
            | Exists(
                Event.districts.through.objects.filter(event=OuterRef("pk"), district=district)
            )
        )
        .order_by("start_at", "pk")[:FEED_LIMIT]
    )


def public_event(pk: int) -> Event | None:
    """A published, cancelled or completed event with what its page shows (a draft is the
    organisers' only)."""
    return (
        with_counts(Event.objects.exclude(status=Event.Status.DRAFT))
        .prefetch_related(
            Prefetch("districts", queryset=District.objects.order_by("name")),
            Prefetch("fields_of_action", queryset=FieldOfAction.objects.order_by("position")),
            Prefetch(
                "partner_organizations",
                queryset=Organization.objects.order_by("name").select_related("district"),
            ),
            "staff_organizers",
            "measures",
            "offers",
            "questions",
        )
        .filter(pk=pk)
        .first()
    )


def staff_event_list(*, user) -> QuerySet[Event]:
    return _for_listing(with_counts(events_visible_to(user))).order_by("-start_at", "pk")


def participants(event: Event, *, status: str = "", query: str = "") -> QuerySet[Registration]:
    registrations = event.registrations.select_related("organization", "contact", "privacy_notice")
    if status:
        registrations = registrations.filter(status=status)
    if query:
        registrations = registrations.filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(organization_name__icontains=query)
            | Q(email__icontains=query)
        )
    return registrations.order_by("last_name", "first_name", "pk")


def status_counts(event: Event) -> dict[str, int]:
    rows = event.registrations.values("status").annotate(n=Count("pk"))
    counts = dict.fromkeys(Registration.Status.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def upcoming_for_district(district, *, limit: int = 5) -> list[Event]:
    """Upcoming events of a district with their counts (the district page, 'Wer hilft uns?')."""
    return list(public_calendar(district=district)[:limit])


def upcoming(*, limit: int = 5) -> list[Event]:
    return list(public_calendar()[:limit])


def organizations_for_close(event: Event, districts) -> tuple[list, list[str]]:
    """The organisations the non-cancelled registrants named: those the districts know (by the
    import's rule, the name ignoring case), and the names they do not, each once."""
    active = event.registrations.exclude(status=Registration.Status.CANCELLED)
    names = {}
    for name in active.filter(organization__isnull=True).values_list(
        "organization_name", flat=True
    ):
        if name.strip():
            names.setdefault(name.strip().lower(), name.strip())
    known = list(
        Organization.objects.filter(district__in=districts)
        .annotate(lower_name=Lower("name"))
        .filter(Q(pk__in=active.values("organization_id")) | Q(lower_name__in=list(names)))
        .select_related("district")
        .order_by("name")
    )
    known_names = {o.name.lower() for o in known}
    unknown = sorted(name for key, name in names.items() if key not in known_names)
    return known, unknown


def upcoming_for_user(user, *, limit: int = 5) -> list[Event]:
    """The organisers' start page: upcoming events they may manage, drafts included."""
    events = events_visible_to(user).filter(
        end_at__gte=timezone.now(), status__in=[Event.Status.DRAFT, Event.Status.PUBLISHED]
    )
    return list(_for_listing(with_counts(events)).order_by("start_at", "pk")[:limit])


def organization_matches(event: Event, registrations) -> dict[str, Organization]:
    """The organisations of the event's districts that the registrants' free-text names match
    (the import's rule: the name, ignoring case), by lower-cased name; one query."""
    names = {r.organization_name.strip().lower() for r in registrations if r.organization_name}
    if not names:
        return {}
    organizations = Organization.objects.annotate(lower_name=Lower("name")).filter(
        lower_name__in=names
    )
    if not event.all_bavaria:
        organizations = organizations.filter(
            district__in=Event.districts.through.objects.filter(event=event).values("district")
        )
    return {o.lower_name: o for o in organizations.order_by("-pk")}
