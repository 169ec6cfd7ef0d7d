"""iCalendar (RFC 5545) for one event and for a district's feed, written by hand.

Times are written in UTC ("…Z"), which every calendar program shows in its own zone, so no
VTIMEZONE block is needed; lines end in CRLF, text is escaped (backslash, semicolon, comma,
newline) and folded at 75 octets without splitting a UTF-8 character.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

PRODID = "-//IKOEKMU//Veranstaltungen//DE"


def escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets; continuation lines start with a
    space (RFC 5545 3.1)."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts = []
    current = b""
    limit = 75
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > limit:
            parts.append(current.decode())
            current = b""
            limit = 74  # the leading space of a continuation line counts
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


def _event_lines(event, *, stamp: datetime.datetime, with_online_link: bool) -> list[str]:
    from events.models import Event

    url = settings.SITE_URL + reverse("events:detail", args=[event.pk])
    description = event.description
    if event.programme_lines:
        description += "\n\nProgramm:\n" + "\n".join(event.programme_lines)
    if with_online_link and event.online_url:
        description += f"\n\nOnline-Teilnahme: {event.online_url}"
    description += f"\n\n{url}"
    location = event.address
    if event.format == Event.Format.ONLINE:
        location = "Online"
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{_host()}",
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART:{utc(event.start_at)}",
        f"DTEND:{utc(event.end_at)}",
        f"SUMMARY:{escape(event.title)}",
        f"DESCRIPTION:{escape(description)}",
        f"URL:{url}",
    ]
    if location:
        lines.append(f"LOCATION:{escape(location)}")
    if event.status == Event.Status.CANCELLED:
        lines.append("STATUS:CANCELLED")
    else:
        lines.append("STATUS:CONFIRMED")
    lines.append("END:VEVENT")
    return lines


def calendar(events, *, name: str = "", with_online_link: bool = False) -> bytes:
    """A VCALENDAR with one VEVENT per event."""
    stamp = timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if name:
        lines.append(f"X-WR-CALNAME:{escape(name)}")
    for event in events:
        lines += _event_lines(event, stamp=stamp, with_online_link=with_online_link)
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode()
