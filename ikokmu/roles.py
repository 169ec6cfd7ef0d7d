"""The roles of the platform and how a user gets them.

A role is a Django group; district staff additionally need a district membership
(districts.DistrictMembership) that says which districts they work for.
"""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    PUBLIC = "public"  # anyone, signed in or not
    AUTHENTICATED = "authenticated"  # any signed-in user, whatever the role
    PROJECT_TEAM = "project_team"
    INTERVIEW_TEAM = "interview_team"
    DISTRICT_STAFF = "district_staff"


# The group that carries each role. The names are shown in the admin, hence German.
ROLE_GROUPS: dict[Role, str] = {
    Role.PROJECT_TEAM: "Projektteam",
    Role.INTERVIEW_TEAM: "Interviewteam",
    Role.DISTRICT_STAFF: "Landkreis-Mitarbeitende",
}
GROUP_ROLES = {name: role for role, name in ROLE_GROUPS.items()}

ROLE_LABELS = {
    Role.PROJECT_TEAM: _("Projektteam"),
    Role.INTERVIEW_TEAM: _("Interviewteam"),
    Role.DISTRICT_STAFF: _("Landkreis-Mitarbeitende"),
}

_CACHE_ATTRIBUTE = "_ikokmu_roles"


def roles_of(user) -> frozenset[Role]:
    """The roles a user holds. Superusers count as project team.

    Cached on the user object, since navigation, access policy and views all ask per request.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        names = user.groups.filter(name__in=GROUP_ROLES).values_list("name", flat=True)
        roles = {GROUP_ROLES[name] for name in names}
        if user.is_superuser:
            roles.add(Role.PROJECT_TEAM)
        cached = frozenset(roles)
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def forget_roles(user) -> None:
    """Drop the cached roles after a group change within the same request."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def has_role(user, *roles: Role) -> bool:
    return bool(roles_of(user) & set(roles))
