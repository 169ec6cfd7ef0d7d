from ikokmu.dashboard import nav_for
from ikokmu.roles import ROLE_LABELS, roles_of


def layout(request):
    """What the base layout needs on every page: the menu and the user's roles."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    roles = roles_of(user)
    return {
        "nav_entries": nav_for(user),
        "user_roles": roles,
        "user_role_labels": [ROLE_LABELS[role] for role in ROLE_LABELS if role in roles],
    }
