from django.urls import NoReverseMatch, reverse

from ikokmu.dashboard import nav_for
from ikokmu.roles import ROLE_LABELS, roles_of


def layout(request):
    """What the base layout needs on every page: the menu and the user's roles."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    roles = roles_of(user)
    entries = nav_for(user)
    return {
        "nav_entries": entries,
        "nav_current_url": current_nav_url(request.path, entries),
        "user_roles": roles,
        "user_role_labels": [ROLE_LABELS[role] for role in ROLE_LABELS if role in roles],
    }


def current_nav_url(path: str, entries) -> str | None:
    """The menu entry the page belongs to: the one whose address is the longest start of the
    page's path, so that an offer (/katalog/angebote/…) marks „Maßnahmenkatalog“ (/katalog/)
    while /landkreise/wiedervorlagen/ marks „Wiedervorlagen“, not „Landkreise“."""
    best = None
    for entry in entries:
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        if (path == url or (url != "/" and path.startswith(url))) and len(url) > len(best or ""):
            best = url
    return best
