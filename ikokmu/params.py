"""Reading ids and return addresses from request parameters.

Ids: `str.isdigit()` is no test for that: it accepts "²" and other digits int() refuses, and
20-digit numbers that overflow a PostgreSQL bigint; both ended in a server error. Anything that
is not a plain id reads as none."""

import re

from django.utils.http import url_has_allowed_host_and_scheme

_ID = re.compile(r"[0-9]{1,18}")


def parse_id(value) -> int | None:
    """The id in `value`, or None if it is not a plain positive number that fits a bigint."""
    if isinstance(value, str) and _ID.fullmatch(value):
        return int(value) or None
    return None


def parse_ids(values) -> list[int]:
    """The plain ids among `values` (others are dropped)."""
    return [pk for pk in map(parse_id, values) if pk is not None]


def safe_next(request, default: str) -> str:
    """The `next` address of a form or link if it stays on this site, else `default`.

    A form that returns to the page it came from must not send the user anywhere a link
    names: `next=https://evil.example/` or `//evil.example/` would be an open redirect.
    """
    value = request.POST.get("next") or request.GET.get("next") or ""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return default
