"""Reads of the districts app. Every read that district staff can reach is scoped here."""

from django.db.models import Count, QuerySet

from districts.models import District
from ikokmu.roles import Role, roles_of


def districts_visible_to(user) -> QuerySet[District]:
    """All districts for the project team; for district staff only their own; else none."""
    roles = roles_of(user)
    if Role.PROJECT_TEAM in roles:
        return District.objects.all()
    if Role.DISTRICT_STAFF in roles:
        return District.objects.filter(memberships__user=user).distinct()
    return District.objects.none()


def district_overview_for(user) -> list[District]:
    """The districts on a user's start page, with the number of staff accounts, in one query."""
    return list(
        districts_visible_to(user)
        .annotate(staff_count=Count("memberships", distinct=True))
        .order_by("name")
    )
