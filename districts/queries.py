"""Reads of the districts app. Every read that district staff can reach is scoped here."""

from django.db.models import Case, Count, Max, Q, QuerySet, When
from django.utils import timezone

from districts.models import Activity, Contact, District, Organization
from ikokmu.roles import Role, roles_of
from ikokmu.search import folded_contains


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
}


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
    )
    if stage:
        districts = districts.filter(stage=stage)
    return districts.order_by(DISTRICT_SORTS.get(sort, "name"), "name")


def organization_list(*, user, district=None, kind="", sector="", size_class="", query=""):
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
    return organizations.annotate(contact_count=Count("contacts")).order_by("name")


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


def follow_ups_for(*, user) -> list[Activity]:
    """Open follow-ups due today or overdue, the user's own first, oldest first."""
    today = timezone.localdate()
    return list(
        activities_visible_to(user)
        .filter(follow_up_done=False, follow_up_on__lte=today)
        .select_related("district", "follow_up_owner")
        .annotate(mine=Case(When(follow_up_owner=user, then=0), default=1))
        .order_by("mine", "follow_up_on", "district__name")
    )
