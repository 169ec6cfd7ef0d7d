"""Mail to registrants: confirmation with the event's .ics and the personal link, waiting list,
move-up, reminder, cancellation. Plain text, sent by the task worker (events.tasks) through the
platform's MAILERS, one mail row claimed under a row lock so it goes out once."""

import contextlib
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from events import ical, tokens
from events.models import Event, Mail

SUBJECTS = {
    Mail.Kind.CONFIRMATION: "Anmeldebestätigung: {title}",
    Mail.Kind.WAITLIST: "Warteliste: {title}",
    Mail.Kind.LINK_AGAIN: "Ihre Anmeldung: {title}",
    Mail.Kind.MOVED_UP: "Sie sind nachgerückt: {title}",
    Mail.Kind.REMINDER: "Erinnerung: {title} morgen",
    Mail.Kind.EVENT_CANCELLED: "Abgesagt: {title}",
    Mail.Kind.CANCELLED: "Abmeldung bestätigt: {title}",
}

OPENINGS = {
    Mail.Kind.CONFIRMATION: "vielen Dank für Ihre Anmeldung. Wir haben Ihnen einen Platz "
    "reserviert.",
    Mail.Kind.WAITLIST: "vielen Dank für Ihre Anmeldung. Die Veranstaltung ist leider ausgebucht; "
    "Sie stehen auf der Warteliste. Wird ein Platz frei, rücken Sie automatisch nach und "
    "erhalten eine E-Mail.",
    Mail.Kind.LINK_AGAIN: "Sie sind für diese Veranstaltung bereits angemeldet. Hier ist noch "
    "einmal Ihr persönlicher Link.",
    Mail.Kind.MOVED_UP: "gute Nachricht: Ein Platz ist frei geworden, und Sie sind von der "
    "Warteliste nachgerückt. Ihr Platz ist reserviert.",
    Mail.Kind.REMINDER: "wir freuen uns, Sie morgen bei unserer Veranstaltung zu sehen.",
    Mail.Kind.EVENT_CANCELLED: "leider müssen wir die Veranstaltung absagen. Ihre Anmeldung ist "
    "damit hinfällig. Wir bitten um Verständnis.",
    Mail.Kind.CANCELLED: "Ihre Anmeldung ist storniert. Schade, dass Sie nicht dabei sein können.",
}

# Mails that carry the event for the calendar: those that say "your place is reserved".
WITH_CALENDAR = {Mail.Kind.CONFIRMATION, Mail.Kind.MOVED_UP, Mail.Kind.REMINDER}
WITH_LINK = {
    Mail.Kind.CONFIRMATION,
    Mail.Kind.WAITLIST,
    Mail.Kind.LINK_AGAIN,
    Mail.Kind.MOVED_UP,
    Mail.Kind.REMINDER,
}


def personal_link(registration) -> str:
    token = tokens.registration_token(registration.token_salt)
    return settings.SITE_URL + reverse("events:registration", args=[token])


def when(event: Event) -> str:
    start = timezone.localtime(event.start_at)
    end = timezone.localtime(event.end_at)
    with override("de"):
        day = date_format(start, "l, j. F Y")
        if start.date() == end.date():
            return f"{day}, {start:%H:%M}–{end:%H:%M} Uhr"
        return f"{day}, {start:%H:%M} Uhr bis {date_format(end, 'j. F Y')}, {end:%H:%M} Uhr"


def build_message(mail: Mail) -> EmailMessage:
    registration = mail.registration
    event = registration.event
    holds_place = mail.kind in WITH_CALENDAR
    lines = [
        f"Guten Tag {registration.full_name},",
        "",
        OPENINGS[mail.kind],
        "",
        event.title,
        when(event),
    ]
    if event.format != Event.Format.ONLINE and event.address:
        lines.append(f"Ort: {event.address}")
    if event.format != Event.Format.IN_PERSON:
        if holds_place and event.online_url:
            lines.append(f"Online-Teilnahme: {event.online_url}")
        elif event.format == Event.Format.ONLINE:
            lines.append("Online")
    if mail.kind in WITH_LINK:
        lines += [
            "",
            "Über Ihren persönlichen Link sehen Sie Ihre Anmeldung und können sie absagen:",
            personal_link(registration),
        ]
    if holds_place:
        lines += ["", "Den Termin für Ihren Kalender finden Sie im Anhang (termin.ics)."]
    lines += [
        "",
        "Mit freundlichen Grüßen",
        "Ihr IKÖKMU-Projektteam",
        "",
        "--",
        "Diese E-Mail erhalten Sie, weil Sie sich über die IKÖKMU-Plattform zu dieser "
        "Veranstaltung angemeldet haben.",
    ]
    message = EmailMessage(
        SUBJECTS[mail.kind].format(title=" ".join(event.title.split())),
        "\n".join(lines) + "\n",
        settings.DEFAULT_FROM_EMAIL,
        [registration.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    if holds_place:
        message.attach(
            "termin.ics",
            ical.calendar([event], with_online_link=True),
            "text/calendar; charset=utf-8; method=PUBLISH",
        )
    return message


def _failure_text(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return _("Der Mailserver hat die Adresse abgelehnt.")
    if isinstance(error, smtplib.SMTPResponseException):
        return _("Der Mailserver hat die Nachricht abgelehnt (%(code)s).") % {
            "code": error.smtp_code
        }
    return _("Der Mailserver war nicht erreichbar (%(detail)s).") % {"detail": error}


def mail_send(*, mail_id: int) -> bool:
    """Send one queued mail; True when it went out. The row stays locked while the mail is on
    its way, so a second worker skips it; a failure is kept with its reason."""
    with transaction.atomic():
        mail = (
            Mail.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("registration__event")
            .filter(pk=mail_id, sent_at__isnull=True, failed_at__isnull=True)
            .first()
        )
        if mail is None:
            return False
        backend = mailers.default
        try:
            backend.send_messages([build_message(mail)])
        except (smtplib.SMTPException, OSError, ValueError) as error:
            mail.failed_at = timezone.now()
            mail.failure_reason = _failure_text(error)[:500]
            mail.save(update_fields=["failed_at", "failure_reason"])
            return False
        finally:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                backend.close()
        mail.sent_at = timezone.now()
        mail.save(update_fields=["sent_at"])
        return True


def mail_recover() -> int:
    """Queue again the mails a stopped worker left unsent (at worker start)."""
    from events import tasks

    pending = list(
        Mail.objects.filter(sent_at__isnull=True, failed_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    for mail_id in pending:
        tasks.send_event_mail.enqueue(mail_id)
    return len(pending)
