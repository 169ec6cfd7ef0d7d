"""E-mail of survey rounds: texts with placeholders, building a message, sending invitations and
reminders in batches (run by the task worker, see surveys.tasks), retries, and opting out.

Delivery is exactly-once per invitation up to one small window (see `_send_claimed`): every
invitation is claimed with SELECT … FOR UPDATE SKIP LOCKED, sent, and marked in its own
transaction, so two workers never take the same one and a worker that dies mid-way leaves the
rest queued for the next run (`mail_recover` puts them back on the queue at worker start).

Mail is plain text: no tracking pixels, no redirecting links. What answering records (the
invitation's started/completed flags) is all the round learns.
"""

import contextlib
import datetime
import email.policy
import math
import re
import smtplib
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from surveys import tokens
from surveys.models import Invitation, OptOut, Reminder, SurveyRound
from surveys.round_queries import on_opt_out_list

BATCH_SIZE = 100  # invitations per task

INVITATION = "invitation"
REMINDER = "reminder"

# Placeholder → what it stands for (shown next to the text fields).
PLACEHOLDERS = {
    "organisation": gettext_lazy("Name der Organisation (ohne Organisation: „Ihr Unternehmen“)"),
    "link": gettext_lazy("persönlicher Link zum Fragebogen"),
    "abmeldelink": gettext_lazy("Link zum Abmelden von weiteren E-Mails"),
    "enddatum": gettext_lazy("letzter Tag der Befragung"),
    "absender": gettext_lazy("Absendername"),
    "landkreis": gettext_lazy("Name des Landkreises"),
    "titel": gettext_lazy("Titel der Befragungsrunde"),
}
_BRACES = re.compile(r"\{([^{}]*)\}")

DEFAULT_TEXTS = {
    INVITATION: {
        "de": {
            "subject": "Einladung zur Bedarfsbefragung „Interkulturelle Öffnung“ – {landkreis}",
            "body": (
                "Sehr geehrte Damen und Herren,\n\n"
                "wir laden {organisation} herzlich zu unserer Befragung ein: Was brauchen "
                "Unternehmen vor Ort, um Fachkräfte aus dem Ausland zu gewinnen, gut "
                "einzuarbeiten und zu halten? Das Ausfüllen dauert etwa zehn Minuten. Mit Ihren "
                "Antworten können wir passende Angebote in der Region aufbauen.\n\n"
                "Zum Fragebogen gelangen Sie über Ihren persönlichen Link:\n{link}\n\n"
                "Sie können jederzeit unterbrechen und später mit demselben Link weitermachen. "
                "Die Befragung läuft bis zum {enddatum}.\n\n"
                "Mit freundlichen Grüßen\n{absender}\n\n"
                "--\n"
                "Sie möchten keine E-Mails zu unseren Befragungen mehr erhalten? "
                "Hier können Sie sich abmelden:\n{abmeldelink}\n"
            ),
        },
        "en": {
            "subject": "Invitation to the needs survey on intercultural opening – {landkreis}",
            "body": (
                "Dear Sir or Madam,\n\n"
                "we would like to invite {organisation} to our survey: what do companies in "
                "{landkreis} need to recruit, onboard and keep skilled workers from abroad? "
                "It takes about ten minutes.\n\n"
                "Your personal link to the questionnaire:\n{link}\n\n"
                "You can stop at any time and continue later with the same link. The survey "
                "is open until {enddatum}.\n\n"
                "Kind regards\n{absender}\n\n"
                "--\n"
                "You do not want to receive e-mails about our surveys any more? "
                "Unsubscribe here:\n{abmeldelink}\n"
            ),
        },
    },
    REMINDER: {
        "de": {
            "subject": "Erinnerung: Bedarfsbefragung „Interkulturelle Öffnung“ – {landkreis}",
            "body": (
                "Sehr geehrte Damen und Herren,\n\n"
                "vor einiger Zeit haben wir {organisation} zu unserer Bedarfsbefragung "
                "eingeladen. Falls Sie noch nicht dazu gekommen sind: Die Befragung läuft noch "
                "bis zum {enddatum}, und jede Antwort hilft uns, passende Angebote für die "
                "Unternehmen vor Ort aufzubauen.\n\n"
                "Ihr persönlicher Link (Sie können dort weitermachen, wo Sie aufgehört "
                "haben):\n{link}\n\n"
                "Mit freundlichen Grüßen\n{absender}\n\n"
                "--\n"
                "Sie möchten keine E-Mails zu unseren Befragungen mehr erhalten? "
                "Hier können Sie sich abmelden:\n{abmeldelink}\n"
            ),
        },
        "en": {
            "subject": "Reminder: needs survey on intercultural opening – {landkreis}",
            "body": (
                "Dear Sir or Madam,\n\n"
                "some time ago we invited {organisation} to our needs survey. In case you "
                "have not found the time yet: the survey is open until {enddatum}.\n\n"
                "Your personal link (you continue where you stopped):\n{link}\n\n"
                "Kind regards\n{absender}\n\n"
                "--\n"
                "You do not want to receive e-mails about our surveys any more? "
                "Unsubscribe here:\n{abmeldelink}\n"
            ),
        },
    },
}


# Texts ----------------------------------------------------------------------------------------


def placeholder_errors(text: str) -> list[str]:
    """German messages for unknown placeholders and stray braces in a text."""
    errors = []
    unknown = sorted({name for name in _BRACES.findall(text) if name not in PLACEHOLDERS})
    if unknown:
        errors.append(
            _("Unbekannter Platzhalter: %(names)s. Erlaubt sind: %(allowed)s.")
            % {
                "names": ", ".join("{" + name + "}" for name in unknown),
                "allowed": ", ".join("{" + name + "}" for name in PLACEHOLDERS),
            }
        )
    if "{" in _BRACES.sub("", text) or "}" in _BRACES.sub("", text):
        errors.append(
            _(
                "Geschweifte Klammern sind nur für Platzhalter wie {link} gedacht; "
                "bitte prüfen Sie die Klammern."
            )
        )
    return errors


# Placeholders every mail body must hold: the way to the questionnaire and the way out.
REQUIRED_IN_BODY = {
    "link": gettext_lazy(
        "Der Text braucht den Platzhalter {link}: Ohne ihn kommt niemand zum Fragebogen."
    ),
    "abmeldelink": gettext_lazy(
        "Der Text braucht den Platzhalter {abmeldelink}, damit sich Empfänger*innen von "
        "weiteren E-Mails abmelden können."
    ),
}


def missing_placeholders(body: str) -> list[str]:
    """German messages for the required placeholders a mail body lacks."""
    present = set(_BRACES.findall(body))
    return [str(message) for name, message in REQUIRED_IN_BODY.items() if name not in present]


def render(text: str, values: dict[str, str]) -> str:
    """Replace the placeholders; anything else stays as written (no format specs, no
    attribute access: the text is the staff's, the values are ours)."""
    return _BRACES.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def default_texts(kind: str, languages) -> dict:
    """The prefilled texts for a round: German and English written out, other languages empty
    (they are sent in German until someone translates them)."""
    return {
        code: dict(DEFAULT_TEXTS[kind][code]) for code in languages if code in DEFAULT_TEXTS[kind]
    }


def texts_for(survey_round: SurveyRound, kind: str, language: str) -> tuple[str, str]:
    """Subject and body in `language`, the round's German text where a translation is missing,
    and the default where the round has none."""
    stored = survey_round.invitation_texts if kind == INVITATION else survey_round.reminder_texts
    for code in (language, "de"):
        entry = (stored or {}).get(code) or {}
        if entry.get("subject") and entry.get("body"):
            return entry["subject"], entry["body"]
    entry = DEFAULT_TEXTS[kind].get(language) or DEFAULT_TEXTS[kind]["de"]
    return entry["subject"], entry["body"]


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def personal_link(token: str, language: str = "de") -> str:
    link = absolute(reverse("surveys:respond", args=[token]))
    return link if language == "de" else f"{link}?sprache={language}"


def unsubscribe_link(invitation_pk: int, salt: str) -> str:
    return absolute(
        reverse("surveys:unsubscribe", args=[invitation_pk, tokens.unsubscribe_token(salt)])
    )


def mail_values(
    *,
    survey_round,
    organization_name: str,
    token: str,
    language: str,
    unsubscribe: str,
    link: str | None = None,
) -> dict:
    """The placeholders' values; `link` replaces the personal link (the test mail's)."""
    with translation.override("de" if language == "de" else "en"):
        organisation = organization_name or _("Ihr Unternehmen")
        closes = timezone.localtime(survey_round.closes_at)
        # The round ends at closes_at; a round closing at midnight ends the day before.
        last_day = (closes - datetime.timedelta(microseconds=1)).date()
        return {
            "organisation": organisation,
            "link": link or personal_link(token, language),
            "abmeldelink": unsubscribe,
            "enddatum": last_day.strftime("%d.%m.%Y"),
            "absender": _sender(survey_round)[0],
            "landkreis": survey_round.district.name,
            "titel": survey_round.title,
        }


def _sender(survey_round) -> tuple[str, str]:
    """The round's sender name (the district's if none is set) and the platform's address."""
    name = survey_round.sender_name or survey_round.district.name
    return name, parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def sender_address(survey_round) -> str:
    """'<sender name> <address of DEFAULT_FROM_EMAIL>': the district's name on the platform's
    own address, so receiving servers can check the sending domain (SPF/DKIM)."""
    return formataddr(_sender(survey_round))


def sender_display(survey_round) -> str:
    """The sender as a mail program shows it (sender_address encodes umlauts for the header)."""
    name, address = _sender(survey_round)
    return f"{name} <{address}>"


class SurveyMail(EmailMessage):
    """A survey mail whose header lines may be as long as RFC 5322 allows (998 characters).

    The SMTP backend writes with a policy of 78 characters per line; a header without a space to
    fold at, such as List-Unsubscribe with its long link, then comes out as RFC 2047 encoded
    words ("=?utf-8?q?=3Chttp…"), which mail programs do not read as a link."""

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def build_message(*, survey_round, invitation, token: str, kind: str) -> EmailMessage:
    values = mail_values(
        survey_round=survey_round,
        organization_name=invitation.name,
        token=token,
        language=invitation.language,
        unsubscribe=unsubscribe_link(invitation.pk, invitation.token_salt),
    )
    return _compose(survey_round, kind, invitation.language, values, invitation.email)


def _compose(survey_round, kind: str, language: str, values: dict, to: str) -> EmailMessage:
    """The mail of `kind` in `language` with the placeholders' values: one home for what a
    recipient and a test mail receive."""
    subject, body = texts_for(survey_round, kind, language)
    return SurveyMail(
        # A subject line must not break: placeholders never hold newlines, the text might.
        " ".join(render(subject, values).split()),
        render(body, values),
        sender_address(survey_round),
        [to],
        reply_to=[survey_round.reply_to] if survey_round.reply_to else None,
        headers={
            "List-Unsubscribe": f"<{values['abmeldelink']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )


SAMPLE_ORGANIZATION = "Musterbetrieb GmbH"


def preview(
    *, survey_round, kind: str, language: str = "de", organization_name: str | None = None
) -> tuple[str, str]:
    """Subject and body as a recipient would read them, with a sample organisation (or the
    given one; "" is a recipient without a name) and a sample link: a real personal link on a
    staff page would let staff answer in the recipient's name, or read an anonymous
    recipient's answers later."""
    values = mail_values(
        survey_round=survey_round,
        organization_name=SAMPLE_ORGANIZATION if organization_name is None else organization_name,
        token="BEISPIEL-LINK",
        language=language,
        unsubscribe=absolute(reverse("surveys:unsubscribe", args=[0, "BEISPIEL-LINK"])),
    )
    subject, body = texts_for(survey_round, kind, language)
    return " ".join(render(subject, values).split()), render(body, values)


# Test mails -----------------------------------------------------------------------------------


class NoAddress(Exception):
    """The signed-in user has no e-mail address to send a test mail to."""


def trial_link(survey_round, language: str) -> str:
    """The test mail's link: it opens the round's questionnaire in a walk that stores nothing
    (surveys.trial_views), so it is never a response of the round."""
    token = tokens.trial_token(survey_round.pk, language)
    return absolute(reverse("surveys:trial_entry", args=[token]))


def trial_mails(*, survey_round, kind: str, recipients, to: str) -> list[tuple[str, EmailMessage]]:
    """The mail of `kind` as the first recipient of each language gets it, addressed to `to`,
    with the test link in place of the personal one. Without recipients (a reminder planned
    before anything went out): the German mail with a sample organisation."""
    first_of: dict[str, str] = {}
    for invitation in recipients.select_related("organization").order_by("email", "pk"):
        first_of.setdefault(invitation.language, invitation.name)
    if not first_of:
        first_of = {"de": SAMPLE_ORGANIZATION}
    messages = []
    for language, name in first_of.items():
        token = tokens.trial_token(survey_round.pk, language)
        values = mail_values(
            survey_round=survey_round,
            organization_name=name,
            token=token,
            language=language,
            unsubscribe=absolute(reverse("surveys:trial_unsubscribe", args=[token])),
            link=trial_link(survey_round, language),
        )
        messages.append((language, _compose(survey_round, kind, language, values, to)))
    return messages


def trial_mail_send(*, survey_round, kind: str, user, request=None) -> list[str]:
    """Send the round's mail of `kind` to the signed-in user, now (not through the worker: it
    should be in the mailbox before anything goes out), one per language of the recipients.
    Returns the languages sent; raises NoAddress, or the mail server's error."""
    from ikokmu.models import AuditEvent
    from ikokmu.services import audit_record
    from surveys.round_queries import reminder_audience_list, send_audience

    to = (user.email or "").strip()
    if not to:
        raise NoAddress
    recipients = (
        send_audience(survey_round) if kind == INVITATION else reminder_audience_list(survey_round)
    )
    messages = trial_mails(survey_round=survey_round, kind=kind, recipients=recipients, to=to)
    mailer = Mailer()
    try:
        for _language, message in messages:
            mailer.send(message)
    finally:
        mailer.close()
    languages = [language for language, _message in messages]
    audit_record(
        kind=AuditEvent.Kind.MAILING,
        summary=(
            f"Testmail ({'Einladung' if kind == INVITATION else 'Erinnerung'}) an {to}: "
            f"Runde {survey_round.pk} „{survey_round.title}“, {len(messages)} E-Mail(s)"
        ),
        actor=user,
        request=request,
        detail={
            "round": survey_round.pk,
            "action": "test_mail",
            "mail": kind,
            "to": to,
            "count": len(messages),
        },
    )
    return languages


# Sending --------------------------------------------------------------------------------------


def failure_text(error: Exception) -> str:
    """What went wrong, in words the district staff can act on."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        details = "; ".join(
            f"{code} {message.decode(errors='replace') if isinstance(message, bytes) else message}"
            for code, message in error.recipients.values()
        )
        return _("Der Mailserver hat die Adresse abgelehnt (%(detail)s).") % {"detail": details}
    if isinstance(error, smtplib.SMTPResponseException):
        message = error.smtp_error
        if isinstance(message, bytes):
            message = message.decode(errors="replace")
        return _("Der Mailserver hat die Nachricht abgelehnt (%(code)s %(message)s).") % {
            "code": error.smtp_code,
            "message": message,
        }
    if isinstance(error, ValueError):
        return _("Die E-Mail-Adresse ist ungültig.")
    if isinstance(error, (smtplib.SMTPException, OSError)):
        return _("Der Mailserver war nicht erreichbar (%(detail)s).") % {"detail": error}
    return _("Unerwarteter Fehler beim Versand (%(detail)s).") % {"detail": error}


class Mailer:
    """One connection to the mail server for a whole batch, opened again after a failure."""

    def __init__(self):
        self.backend = mailers.default

    def send(self, message: EmailMessage) -> None:
        try:
            self.backend.open()
            self.backend.send_messages([message])
        except smtplib.SMTPRecipientsRefused:
            raise  # the connection is fine; only this address was refused
        except (smtplib.SMTPException, OSError):
            self.close()
            raise

    def close(self) -> None:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            self.backend.close()


def _pending_invitations(round_id: int):
    return Invitation.objects.filter(
        round_id=round_id,
        queued_at__isnull=False,
        sent_at__isnull=True,
        failed_at__isnull=True,
        opted_out_at__isnull=True,
    )


def _send_claimed(mailer, survey_round, queryset, kind: str, mark_sent: dict) -> bool:
    """Claim one invitation of `queryset`, send it and mark it, all in one transaction; False
    when nothing is left to claim.

    The row lock (FOR UPDATE SKIP LOCKED) keeps other workers off the invitation while the mail
    is on its way; the mark commits with the lock's release. The one window left: the mail
    server has accepted the message but the worker dies before the COMMIT (a few
    milliseconds). Then the mark is rolled back and the next run sends the mail a second time.
    Closing it would need the mail server to take part in our transaction, which SMTP cannot.
    """
    now = timezone.now()
    with transaction.atomic():
        invitation = (
            queryset.select_for_update(skip_locked=True, of=("self",))
            .select_related("organization")
            .annotate(on_opt_out_list=on_opt_out_list())
            .order_by("pk")
            .first()
        )
        if invitation is None:
            return False
        rows = Invitation.objects.filter(pk=invitation.pk)
        if invitation.on_opt_out_list:
            rows.update(opted_out_at=now)
            return True
        if not invitation.token_salt or not invitation.email:
            rows.update(
                failed_at=now,
                attempts=F("attempts") + 1,
                failure_reason=_(
                    "Für diese Einladung lässt sich kein Link erzeugen (ohne Adresse oder "
                    "mit festem Link angelegt)."
                ),
            )
            return True
        token = tokens.invitation_token(invitation.token_salt)
        try:
            message = build_message(
                survey_round=survey_round, invitation=invitation, token=token, kind=kind
            )
            mailer.send(message)
        except (smtplib.SMTPException, OSError, ValueError) as error:
            if kind == INVITATION:
                rows.update(
                    failed_at=now, failure_reason=failure_text(error), attempts=F("attempts") + 1
                )
            else:
                # A reminder that bounces does not undo the invitation; it counts as done for
                # this reminder, with the reason kept for the round page.
                rows.update(last_reminded_at=now, failure_reason=failure_text(error))
            return True
        rows.update(**mark_sent)
        return True


def invitations_send_batch(*, round_id: int, limit: int = BATCH_SIZE) -> int:
    """Send up to `limit` of the round's queued invitations; returns how many were handled.
    Runs in the worker (surveys.tasks.send_invitations).

    Before the round opens its link leads nowhere, so a batch that runs early (a recovery at
    worker start) puts itself back on the queue for the opening time instead of sending."""
    from surveys import tasks

    survey_round = SurveyRound.objects.select_related("district").get(pk=round_id)
    if survey_round.opens_at > timezone.now():
        tasks.send_invitations.using(run_after=survey_round.opens_at).enqueue(round_id)
        return 0
    if survey_round.closes_at <= timezone.now():
        # A link to a closed round leads nowhere: what is still queued stays unsent (the round
        # page shows it as not sent) instead of going out late.
        _pending_invitations(round_id).update(queued_at=None)
        return 0
    mailer = Mailer()
    handled = 0
    try:
        while handled < limit:
            done = _send_claimed(
                mailer,
                survey_round,
                _pending_invitations(round_id),
                INVITATION,
                {
                    "sent_at": timezone.now(),
                    "failure_reason": "",
                    "attempts": F("attempts") + 1,
                },
            )
            if not done:
                break
            handled += 1
    finally:
        mailer.close()
    return handled


def _enqueue_batches(task, count: int, *args, run_after=None) -> int:
    batches = math.ceil(count / BATCH_SIZE)
    if run_after is not None and run_after > timezone.now():
        task = task.using(run_after=run_after)
    for _batch in range(batches):
        task.enqueue(*args)
    return batches


class AudienceChanged(Exception):
    """The recipients differ from those the confirmation page named."""


@transaction.atomic
def invitations_queue(
    *, survey_round: SurveyRound, digest: str | None = None, user=None, request=None
) -> int:
    """Put the round's unsent invitations on the queue: one UPDATE and one task per hundred
    invitations, committed together (the worker never sees a task before its invitations).
    Addresses on the opt-out list are marked and left out. Before the round opens, the tasks
    wait for the opening time. Returns the number queued (with any queued before and not yet
    sent).

    `digest` is what the confirmation page showed (round_queries.audience_digest): if the
    recipients have changed since, nothing is queued and AudienceChanged is raised. The step is
    recorded in the audit trail with its count."""
    from ikokmu.models import AuditEvent
    from ikokmu.services import audit_record
    from surveys import tasks
    from surveys.round_queries import audience_digest, send_audience

    now = timezone.now()
    # One confirmation at a time per round: a second one waits and then finds its recipients
    # gone, instead of queueing them twice.
    list(SurveyRound.objects.select_for_update().filter(pk=survey_round.pk).values_list("pk"))
    audience = send_audience(survey_round)
    if digest is not None and audience_digest(audience) != digest:
        raise AudienceChanged
    ids = list(audience.values_list("pk", flat=True))
    unsent = Invitation.objects.filter(
        round=survey_round, sent_at__isnull=True, opted_out_at__isnull=True
    )
    unsent.filter(on_opt_out_list()).update(opted_out_at=now)
    queued = Invitation.objects.filter(pk__in=ids).update(queued_at=now)
    pending = _pending_invitations(survey_round.pk).count()
    _enqueue_batches(
        tasks.send_invitations, pending, survey_round.pk, run_after=survey_round.opens_at
    )
    if queued:
        at = max(now, survey_round.opens_at)
        when = f"{timezone.localtime(at):%d.%m.%Y %H:%M}"
        audit_record(
            kind=AuditEvent.Kind.MAILING,
            summary=(
                f"Einladungen zum Versand bestätigt: {queued} E-Mail(s), Runde "
                f"{survey_round.pk} „{survey_round.title}“, ab {when}"
            ),
            actor=user,
            request=request,
            detail={
                "round": survey_round.pk,
                "action": "send",
                "count": queued,
                "at": at.isoformat(),
            },
        )
    return pending


@transaction.atomic
def invitations_retry(*, survey_round: SurveyRound, invitation: Invitation | None = None) -> int:
    """Queue failed invitations again (one, or all of the round)."""
    from surveys import tasks

    failed = Invitation.objects.filter(
        round=survey_round, failed_at__isnull=False, sent_at__isnull=True, opted_out_at__isnull=True
    ).exclude(email="")
    if invitation is not None:
        failed = failed.filter(pk=invitation.pk)
    count = failed.update(failed_at=None, queued_at=timezone.now())
    _enqueue_batches(
        tasks.send_invitations, count, survey_round.pk, run_after=survey_round.opens_at
    )
    return count


# Reminders ------------------------------------------------------------------------------------


def reminder_recipients(reminder: Reminder):
    """Invitations a started reminder still has to reach: sent before the reminder started, not
    completed, not opted out, not reminded since."""
    from surveys.round_queries import REMINDED

    return (
        Invitation.objects.filter(REMINDED, round_id=reminder.round_id)
        .filter(sent_at__lte=reminder.sent_at)
        .filter(Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lt=reminder.sent_at))
    )


@transaction.atomic
def reminder_create(
    *, survey_round: SurveyRound, scheduled_for=None, user=None, digest=None, request=None
) -> Reminder:
    """A reminder now (scheduled_for None) or at a date; the worker starts it when it is due.

    `digest` (a reminder now): the recipients the confirmation page named; AudienceChanged if
    they differ now. Recorded in the audit trail with the count of the moment."""
    from ikokmu.models import AuditEvent
    from ikokmu.services import audit_record
    from surveys import tasks
    from surveys.round_queries import audience_digest, reminder_audience_list

    now = timezone.now()
    audience = reminder_audience_list(survey_round)
    if digest is not None and audience_digest(audience) != digest:
        raise AudienceChanged
    reminder = Reminder.objects.create(
        round=survey_round, scheduled_for=scheduled_for or now, created_by=user
    )
    at = timezone.localtime(reminder.scheduled_for)
    count = audience.count()
    audit_record(
        kind=AuditEvent.Kind.MAILING,
        summary=(
            f"Erinnerung bestätigt ({'jetzt' if scheduled_for is None else 'geplant'}): "
            f"{count} E-Mail(s) nach heutigem Stand, Runde {survey_round.pk} "
            f"„{survey_round.title}“, ab {at:%d.%m.%Y %H:%M}"
        ),
        actor=user,
        request=request,
        detail={
            "round": survey_round.pk,
            "action": "reminder",
            "count": count,
            "at": reminder.scheduled_for.isoformat(),
            "reminder": reminder.pk,
        },
    )
    if scheduled_for and scheduled_for > now:
        tasks.start_reminder.using(run_after=scheduled_for).enqueue(reminder.pk)
    else:
        tasks.start_reminder.enqueue(reminder.pk)
    return reminder


@transaction.atomic
def reminder_start(*, reminder_id: int) -> int:
    """Start a due reminder: fix who gets it and queue the batches. Does nothing when the
    reminder was deleted, already started, moved to a later date, or the round has closed."""
    from surveys import tasks

    reminder = (
        Reminder.objects.select_for_update().select_related("round").filter(pk=reminder_id).first()
    )
    now = timezone.now()
    if reminder is None or reminder.sent_at is not None or reminder.scheduled_for > now:
        return 0
    if reminder.round.closes_at <= now:
        return 0
    reminder.sent_at = now
    count = reminder_recipients(reminder).count()
    reminder.recipients = count
    reminder.save(update_fields=["sent_at", "recipients"])
    _enqueue_batches(tasks.send_reminders, count, reminder.pk)
    return count


def reminders_send_batch(*, reminder_id: int, limit: int = BATCH_SIZE) -> int:
    reminder = Reminder.objects.select_related("round__district").filter(pk=reminder_id).first()
    if reminder is None or reminder.sent_at is None or reminder.round.closes_at <= timezone.now():
        return 0
    mailer = Mailer()
    handled = 0
    try:
        while handled < limit:
            now = timezone.now()
            done = _send_claimed(
                mailer,
                reminder.round,
                reminder_recipients(reminder),
                REMINDER,
                {
                    "last_reminded_at": now,
                    "reminders_sent": F("reminders_sent") + 1,
                    "failure_reason": "",  # an earlier reminder's failure is over
                },
            )
            if not done:
                break
            handled += 1
    finally:
        mailer.close()
    return handled


# Recovery -------------------------------------------------------------------------------------


def mail_recover() -> int:
    """Queue again what a stopped worker left half done; run when a worker starts.

    A worker killed during a batch leaves that task marked as running for good, and the
    invitations it had not reached yet stay queued. New tasks for them are safe even if the old
    ones still ran: every invitation is claimed under a row lock, so none goes out twice."""
    from surveys import tasks

    enqueued = 0
    rounds = SurveyRound.objects.filter(
        closes_at__gt=timezone.now(),
        pk__in=Invitation.objects.filter(
            queued_at__isnull=False,
            sent_at__isnull=True,
            failed_at__isnull=True,
            opted_out_at__isnull=True,
        ).values("round_id"),
    ).values_list("pk", "opens_at")
    for round_id, opens_at in rounds:
        enqueued += _enqueue_batches(
            tasks.send_invitations,
            _pending_invitations(round_id).count(),
            round_id,
            run_after=opens_at,
        )
    now = timezone.now()
    for reminder in Reminder.objects.filter(sent_at__isnull=False, round__closes_at__gt=now):
        enqueued += _enqueue_batches(
            tasks.send_reminders, reminder_recipients(reminder).count(), reminder.pk
        )
    for reminder_id in Reminder.objects.filter(
        sent_at__isnull=True, scheduled_for__lte=now
    ).values_list("pk", flat=True):
        tasks.start_reminder.enqueue(reminder_id)
        enqueued += 1
    return enqueued


# Opting out -----------------------------------------------------------------------------------


@transaction.atomic
def opt_out(*, invitation: Invitation, source: str = OptOut.Source.LINK) -> None:
    """No more survey mail to this address, in this round and any later one."""
    now = timezone.now()
    email = invitation.email.strip().lower()
    if email:
        # ON CONFLICT DO NOTHING: a second click, or the address listed before.
        OptOut.objects.bulk_create([OptOut(email=email, source=source)], ignore_conflicts=True)
    Invitation.objects.filter(pk=invitation.pk, opted_out_at__isnull=True).update(opted_out_at=now)
    if email:
        # The same address invited in other rounds that have not mailed it yet.
        Invitation.objects.filter(
            email__iexact=email, sent_at__isnull=True, opted_out_at__isnull=True
        ).update(opted_out_at=now)
