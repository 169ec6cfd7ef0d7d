"""Reading ids from request parameters. `str.isdigit()` is no test for that: it accepts "²" and
other digits int() refuses, and 20-digit numbers that overflow a PostgreSQL bigint; both ended
in a server error. Anything that is not a plain id reads as none."""

import re

_ID = re.compile(r"[0-9]{1,18}")


def parse_id(value) -> int | None:
    """The id in `value`, or None if it is not a plain positive number that fits a bigint."""
    if isinstance(value, str) and _ID.fullmatch(value):
        return int(value) or None
    return None


def parse_ids(values) -> list[int]:
    """The plain ids among `values` (others are dropped)."""
    return [pk for pk in map(parse_id, values) if pk is not None]
