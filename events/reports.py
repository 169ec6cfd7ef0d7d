"""The printable sign-in sheet of an event (WeasyPrint through ikokmu.pdf)."""

from django.utils import timezone

from events.mailing import when
from ikokmu.pdf import render_pdf

BLANK_ROWS = 5


def sign_in_sheet_pdf(*, event, registrations) -> bytes:
    return render_pdf(
        "events/pdf/sign_in_sheet.html",
        {
            "event": event,
            "when": when(event),
            "registrations": registrations,
            "printed_at": timezone.localtime(),
            # Room for people who come without registering.
            "blank_rows": range(BLANK_ROWS),
        },
    )
