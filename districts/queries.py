"""Reads of the districts app. Every read that district staff can reach is scoped here.

The district pages also show the district's survey rounds and consulting cases: the page belongs
to this app, so it reads those models here, by plain queries (no services of the other apps)."""

from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, NullIf, Round
from django.utils import timezone

from consulting.models import ConsultingCase
from districts.models import Activity, Contact, District, Organization
from ikokmu.roles import Role, roles_of
from ikokmu.search import folded_contains
from surveys.models import SurveyRound


def districts_visible_to(user) -> QuerySet[District]:
    """All districts for the project team; for district staff only their own; else none."""
    roles = roles_of(user)
    if Role.PROJECT_TEAM in roles:
        return District.objects.all()
    if Role.DISTRICT_STAFF in roles:
        return District.objects.filter(
            pk__in=District.objects.filter(memberships__user=user).values("pk")
        )
    return District.objects.none()


def organizations_visible_to(user) -> QuerySet[Organization]:
    return Organization.objects.filter(district__in=districts_visible_to(user))


def contacts_visible_to(user) -> QuerySet[Contact]:
    return Contact.objects.filter(organization__district__in=districts_visible_to(user))


def activities_visible_to(user) -> QuerySet[Activity]:
    return Activity.objects.filter(district__in=districts_visible_to(user))


def may_edit_district(user, district: District) -> bool:
    """The team edits every district; district staff the organisations and contacts of theirs."""
    roles = roles_of(user)
    if Role.PROJECT_TEAM in roles:
        return True
    return Role.DISTRICT_STAFF in roles and district.memberships.filter(user=user).exists()


def district_overview_for(user) -> list[District]:
    """The districts on a user's start page, with their key figures, in one query."""
    return list(district_list(user=user))


DISTRICT_SORTS = {
    "name": "name",
    "-name": "-name",
    "stage": "stage",
    "organizations": "organization_count",
    "-organizations": "-organization_count",
    "follow_ups": "open_follow_ups",
    "-follow_ups": "-open_follow_ups",
    "activity": "last_activity",
    "-activity": "-last_activity",
    "response_rate": F("response_rate").asc(nulls_last=True),
    "-response_rate": F("response_rate").desc(nulls_last=True),
}


def _percent(part, whole):
    """part / whole in whole percent (double precision rounds like Python's round), NULL (shown
    as "–") when the whole is zero."""
    return Round(100 * Cast(part, FloatField()) / NullIf(Cast(whole, FloatField()), Value(0.0)))


def _latest_round_rate():
    """The response rate of the district's latest round that has begun and invites people (an
    open-link-only round has no one to count against), as the round page counts it: completed
    invitations per sent invitation. A correlated subquery, so the district list stays one
    query."""
    rounds = (
        SurveyRound.objects.filter(district=OuterRef("pk"), opens_at__lte=timezone.now())
        .exclude(access=SurveyRound.Access.OPEN)
        .annotate(
            rate=_percent(
                Count("invitations", filter=Q(invitations__completed=True)),
                Count("invitations", filter=Q(invitations__sent_at__isnull=False)),
            )
        )
        .order_by("-opens_at", "-pk")
    )
    return Subquery(rounds.values("rate")[:1], output_field=FloatField())


def district_list(*, user, stage: str = "", sort: str = "name") -> QuerySet[District]:
    """Districts with organisations, open follow-ups and last activity, in one query."""
    today = timezone.localdate()
    districts = districts_visible_to(user).annotate(
        organization_count=Count("organizations", distinct=True),
        open_follow_ups=Count(
            "activities",
            filter=Q(activities__follow_up_done=False, activities__follow_up_on__lte=today),
            distinct=True,
        ),
        last_activity=Max("activities__date"),
        staff_count=Count("memberships", distinct=True),
        response_rate=_latest_round_rate(),
    )
    if stage:
        districts = districts.filter(stage=stage)
    return districts.order_by(DISTRICT_SORTS.get(sort, "name"), "name")


def survey_rounds_of(district: District) -> list[SurveyRound]:
    """The district's rounds, newest first, with the figures of the round page (invited, sent,
    completed invitations, submitted responses also through the open link) and its response
    rate, in one query."""
    from surveys.round_queries import response_rate, with_figures

    rounds = list(
        with_figures(SurveyRound.objects.filter(district=district)).order_by("-opens_at", "-pk")
    )
    for survey_round in rounds:
        survey_round.response_rate = response_rate(survey_round)
    return rounds


def consulting_cases_of(district: District) -> QuerySet[ConsultingCase]:
    """The district's consulting cases with their organisation (one query); the page shows
    district staff only the organisation and the phase, as the dashboard does."""
    return (
        ConsultingCase.objects.filter(district=district)
        .select_related("organization")
        .order_by("organization__name", "-start_date", "pk")
    )


# Size classes sort by size, not by their text ("10-49" before "250+" before "50-249").
_SIZE_RANK = Case(
    *[
        When(size_class=value, then=Value(rank))
        for rank, value in enumerate(Organization.SizeClass.values)
    ],
    default=None,
)
ORGANIZATION_SORTS = {
    "name": ["name"],
    "kind": ["kind", "name"],
    "place": ["city", "postal_code", "name"],
    "sector": ["sector", "name"],
    "size": [_SIZE_RANK, "name"],
    "contacts": ["contact_count", "name"],
}


def _organization_order(sort: str) -> list:
    """ORDER BY for a column key, "-key" descending; empty values last either way."""
    key = sort.removeprefix("-")
    if key not in ORGANIZATION_SORTS:
        key, sort = "name", "name"
    first, *rest = ORGANIZATION_SORTS[key]
    first = F(first) if isinstance(first, str) else first
    descending = sort.startswith("-")
    first = first.desc(nulls_last=True) if descending else first.asc(nulls_last=True)
    return [first, *rest, "pk"]


def organization_list(
    *, user, district=None, kind="", sector="", size_class="", query="", sort="name"
):
    organizations = organizations_visible_to(user).select_related("district")
    if district is not None:
        organizations = organizations.filter(district=district)
    if kind:
        organizations = organizations.filter(kind=kind)
    if sector:
        organizations = organizations.filter(sector=sector)
    if size_class:
        organizations = organizations.filter(size_class=size_class)
    if query:
        annotations, condition = folded_contains(query, "name", "city", "email", "postal_code")
        organizations = organizations.annotate(**annotations).filter(condition)
    return organizations.annotate(contact_count=Count("contacts")).order_by(
        *_organization_order(sort)
    )


def search(*, user, query: str, limit: int = 50) -> dict:
    """Organisations and contact persons by name, place or e-mail, forgiving umlauts and case."""
    if not query.strip():
        return {"organizations": [], "contacts": []}
    annotations, condition = folded_contains(query, "name", "city", "email", "postal_code")
    organizations = (
        organizations_visible_to(user)
        .annotate(**annotations)
        .filter(condition)
        .select_related("district")
        .order_by("name")[:limit]
    )
    annotations, condition = folded_contains(
        query, "first_name", "last_name", "email", "organization__name", "organization__city"
    )
    contacts = (
        contacts_visible_to(user)
        .annotate(**annotations)
        .filter(condition)
        .select_related("organization", "organization__district")
        .order_by("last_name", "first_name")[:limit]
    )
    return {"organizations": list(organizations), "contacts": list(contacts)}


def follow_ups_for(*, user, district: District | None = None) -> list[Activity]:
    """Open follow-ups due today or overdue, the user's own first, oldest first; of one
    district if given (the start page's counts link there)."""
    today = timezone.localdate()
    activities = activities_visible_to(user)
    if district is not None:
        activities = activities.filter(district=district)
    return list(
        activities.filter(follow_up_done=False, follow_up_on__lte=today)
        .select_related("district", "follow_up_owner")
        .annotate(mine=Case(When(follow_up_owner=user, then=0), default=1))
        .order_by("mine", "follow_up_on", "district__name")
    )
