"""Writes of survey rounds: creating and changing a round, adding recipients from the district's
organisations or from a spreadsheet (preview first, nothing stored before confirmation).
Sending lives in surveys.mailing."""

import contextlib
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from districts.models import Organization
from ikokmu.imports import normalize
from ikokmu.models import AuditEvent, PendingImport
from ikokmu.services import audit_record
from surveys import services, tokens
from surveys.models import LANGUAGE_NAMES, Invitation, OptOut, SurveyRound, language_label

# Rounds ---------------------------------------------------------------------------------------


@transaction.atomic
def round_save(*, survey_round: SurveyRound | None = None, fields: dict, user=None) -> SurveyRound:
    """Create a round or change one. A round opened up to an open link gets its link then."""
    if survey_round is None:
        survey_round, _open_token = services.round_create(**fields, created_by=user)
        return survey_round
    for name, value in fields.items():
        setattr(survey_round, name, value)
    if survey_round.access != SurveyRound.Access.INVITATION and not survey_round.open_token_hash:
        survey_round.open_token_salt = tokens.new_salt()
        survey_round.open_token_hash = services.token_hash(
            tokens.open_token(survey_round.open_token_salt)
        )
    survey_round.save()
    return survey_round


def round_has_responses(survey_round: SurveyRound) -> bool:
    return survey_round.pk is not None and survey_round.responses.exists()


# Invitations ----------------------------------------------------------------------------------


@dataclass
class Recipient:
    email: str
    organization_id: int | None = None
    language: str = "de"
    name: str = ""  # from a recipient list, for an address of no known organisation


@transaction.atomic
def invitations_create(*, survey_round: SurveyRound, recipients: list[Recipient]) -> int:
    """Invitations for the recipients in one INSERT (none sent yet); an address the round
    already has is skipped by the database's unique index. Returns the number created."""
    rows = []
    for recipient in recipients:
        salt = tokens.new_salt()
        rows.append(
            Invitation(
                round=survey_round,
                organization_id=recipient.organization_id,
                email=recipient.email,
                recipient_name="" if recipient.organization_id else recipient.name[:200],
                language=recipient.language,
                token_salt=salt,
                token_hash=services.token_hash(tokens.invitation_token(salt)),
            )
        )
    before = Invitation.objects.filter(round=survey_round).count()
    # With ignore_conflicts PostgreSQL does not say which rows went in: count before and after.
    Invitation.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return Invitation.objects.filter(round=survey_round).count() - before


def invitations_from_organizations(
    *, survey_round: SurveyRound, organization_ids: list[int]
) -> tuple[int, list[str]]:
    """Invite the chosen organisations of the round's district at their general address.

    Organisations without an address cannot get a mail and a link nobody receives is of no use,
    so they are left out and named; so are addresses already invited or on the opt-out list.
    Returns the number invited and the names left out."""
    from surveys.round_queries import mark_shared_addresses, recipient_candidates

    chosen = mark_shared_addresses(
        recipient_candidates(survey_round=survey_round).filter(pk__in=organization_ids)
    )
    recipients, left_out = [], []
    for organization in chosen:
        if organization.invitable:
            recipients.append(Recipient(organization.email, organization.pk))
        else:
            left_out.append(organization.name)
    return invitations_create(survey_round=survey_round, recipients=recipients), left_out


class NotWithdrawable(Exception):
    """Only a sent invitation that is not completed and not withdrawn yet can be withdrawn."""


@transaction.atomic
def invitations_remove(
    *, survey_round: SurveyRound, invitation: Invitation | None = None, user=None, request=None
) -> int:
    """Remove one or all of the round's invitations that have not gone out (never queued,
    queued, failed or opted out before sending) and whose link was not used. A sent one stays:
    its mail is out, so it is withdrawn instead. Returns how many went; recorded in the audit trail.

    An invitation the worker is sending right now is locked by it: the DELETE waits for the
    worker's commit, sees sent_at set and leaves the row."""
    # A link used without a mail (one handed out by hand, the demo's) has its answers: it stays.
    # `started` says so in every round; a personalised response also names its invitation.
    unsent = Invitation.objects.filter(
        round=survey_round, sent_at__isnull=True, started=False
    ).exclude(responses__isnull=False)
    if invitation is not None:
        unsent = unsent.filter(pk=invitation.pk)
    removed, _by_model = unsent.delete()
    if removed:
        audit_record(
            kind=AuditEvent.Kind.MAILING,
            summary=(
                f"Nicht versandte Einladung(en) entfernt: {removed}, Runde {survey_round.pk} "
                f"„{survey_round.title}“" + (f" ({invitation.email})" if invitation else "")
            ),
            actor=user,
            request=request,
            detail={
                "round": survey_round.pk,
                "action": "remove" if invitation else "remove_all",
                "count": removed,
                **({"invitation": invitation.pk} if invitation else {}),
            },
        )
    return removed


@transaction.atomic
def invitation_withdraw(
    *, survey_round: SurveyRound, invitation: Invitation, user=None, request=None
) -> None:
    """Take a sent invitation back: its link leads to a notice from now on, and reminders skip
    it. Raises NotWithdrawable for one not sent, completed or withdrawn already.

    Only the invitation's row is written. In an anonymous round its response (if the link was
    opened) is found only through the link, and it is left alone: reading or changing it here
    would put both rows into one transaction, the very pairing the round promises to avoid. A
    response never submitted is not counted anywhere; one submitted is a response like any other.
    """
    changed = Invitation.objects.filter(
        pk=invitation.pk,
        round=survey_round,
        sent_at__isnull=False,
        completed=False,
        withdrawn_at__isnull=True,
    ).update(withdrawn_at=timezone.now())
    if not changed:
        raise NotWithdrawable
    audit_record(
        kind=AuditEvent.Kind.MAILING,
        summary=(
            f"Einladung zurückgezogen: 1 ({invitation.email}), Runde {survey_round.pk} "
            f"„{survey_round.title}“"
        ),
        actor=user,
        request=request,
        detail={
            "round": survey_round.pk,
            "action": "withdraw",
            "count": 1,
            "invitation": invitation.pk,
        },
    )


# Recipient lists from a spreadsheet -----------------------------------------------------------

MAX_EMAIL_LENGTH = Invitation._meta.get_field("email").max_length
EMAIL_HEADERS = {"e-mail", "email", "e-mail-adresse", "emailadresse", "mail", "e-mail adresse"}
ORGANIZATION_HEADERS = {"organisation", "organization", "firma", "unternehmen", "name", "betrieb"}
LANGUAGE_HEADERS = {"sprache", "language"}
LANGUAGE_WORDS = {
    **{code: code for code in LANGUAGE_NAMES},
    **{normalize(name): code for code, name in LANGUAGE_NAMES.items()},
    "deutsch": "de",
    "englisch": "en",
    "türkisch": "tr",
    "arabisch": "ar",
    "ukrainisch": "uk",
    "russisch": "ru",
    "polnisch": "pl",
    "rumänisch": "ro",
    "französisch": "fr",
    "spanisch": "es",
}


@dataclass
class Row:
    line: int
    email: str
    organization: str
    language: str = "de"
    organization_id: int | None = None
    reasons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def language_label(self) -> str:
        return language_label(self.language)


@dataclass
class RecipientPreview:
    rows: list[Row]
    pending_id: uuid.UUID | None = None

    @property
    def accepted(self) -> list[Row]:
        return [row for row in self.rows if not row.reasons]

    @property
    def left_out(self) -> list[Row]:
        return [row for row in self.rows if row.reasons]


def _column(headers: list[str], names: set[str]) -> int | None:
    for index, header in enumerate(headers):
        if normalize(header) in names:
            return index
    return None


def recipients_check(*, survey_round: SurveyRound, headers: list, rows: list) -> RecipientPreview:
    """Check a recipient list: every row either accepted or with its reasons (invalid address,
    twice in the file, already invited, on the opt-out list). Three queries, whatever the
    length. Raises ValidationError when the e-mail column is missing."""
    headers = [str(h) for h in headers]
    email_col = _column(headers, EMAIL_HEADERS)
    if email_col is None:
        raise ValidationError(
            _("Die Datei braucht eine Spalte „E-Mail“ (gefunden: %(headers)s).")
            % {"headers": ", ".join(headers) or "–"}
        )
    name_col = _column(headers, ORGANIZATION_HEADERS)
    language_col = _column(headers, LANGUAGE_HEADERS)

    def cell(row, col):
        return str(row[col]).strip() if col is not None and col < len(row) else ""

    checked = [
        Row(
            line=number,
            email=cell(row, email_col),
            organization=cell(row, name_col),
            language=cell(row, language_col),
        )
        for number, row in enumerate(rows, start=2)
    ]
    addresses = {row.email.lower() for row in checked if row.email}
    invited = set(
        Invitation.objects.filter(round=survey_round)
        .annotate(lower=Lower("email"))
        .filter(lower__in=addresses)
        .values_list("lower", flat=True)
    )
    opted_out = set(
        OptOut.objects.annotate(lower=Lower("email"))
        .filter(lower__in=addresses)
        .values_list("lower", flat=True)
    )
    organizations = {
        normalize(name): pk
        for pk, name in Organization.objects.filter(district=survey_round.district).values_list(
            "pk", "name"
        )
    }
    languages = survey_round.version.languages
    seen: dict[str, int] = {}
    for row in checked:
        address = row.email.lower()
        try:
            validate_email(row.email)
            if len(row.email) > MAX_EMAIL_LENGTH:
                # Valid by the RFC's parts, but longer than any mailbox can be (RFC 5321: 254).
                raise ValidationError("too long")
        except ValidationError:
            row.reasons.append(
                _("„%(value)s“ ist keine gültige E-Mail-Adresse.") % {"value": row.email}
                if row.email
                else _("Die E-Mail-Adresse fehlt.")
            )
        else:
            if address in seen:
                row.reasons.append(
                    _("Die Adresse steht schon in Zeile %(line)s der Datei.")
                    % {"line": seen[address]}
                )
            elif address in invited:
                row.reasons.append(_("Diese Adresse ist in dieser Runde schon eingeladen."))
            if address in opted_out:
                row.reasons.append(_("Diese Adresse hat sich von Befragungs-E-Mails abgemeldet."))
            seen.setdefault(address, row.line)
        if row.organization:
            row.organization_id = organizations.get(normalize(row.organization))
            if row.organization_id is None:
                row.notes.append(
                    _(
                        "Keine Organisation dieses Namens im Adressbuch des Landkreises; die "
                        "E-Mail nennt den Namen aus der Liste."
                    )
                )
        wanted = row.language
        row.language = LANGUAGE_WORDS.get(normalize(wanted), "") if wanted else "de"
        if row.language not in languages:
            if wanted:
                row.notes.append(
                    _("Sprache „%(value)s“ bietet der Fragebogen nicht an; Deutsch.")
                    % {"value": wanted}
                )
            row.language = "de"
    return RecipientPreview(checked)


def import_name(survey_round: SurveyRound) -> str:
    return f"surveys:recipients:{survey_round.pk}"


def recipients_preview(
    *, survey_round: SurveyRound, dataset, filename: str, user
) -> RecipientPreview:
    """Check an uploaded list and keep its rows until the user confirms (ikokmu PendingImport):
    nothing reaches the invitations yet."""
    headers, rows = list(dataset.headers), [list(row) for row in dataset]
    preview = recipients_check(survey_round=survey_round, headers=headers, rows=rows)
    PendingImport.objects.filter(created_at__lt=timezone.now() - timedelta(days=1)).delete()
    pending = PendingImport.objects.create(
        id=uuid.uuid4(),
        user=user,
        import_name=import_name(survey_round),
        filename=filename[:255],
        headers=headers,
        rows=rows,
    )
    preview.pending_id = pending.id
    return preview


class PendingExpired(Exception):
    """The preview is gone (confirmed, cancelled, older than a day, or someone else's)."""


@transaction.atomic
def recipients_confirm(*, survey_round: SurveyRound, pending_id: str, user) -> int:
    """Create the invitations of a previewed list. The rows are checked again: an address
    invited or opted out since the preview is still left out."""
    try:
        pending = PendingImport.objects.select_for_update().get(
            id=uuid.UUID(str(pending_id)), user=user, import_name=import_name(survey_round)
        )
    except (ValueError, PendingImport.DoesNotExist):
        raise PendingExpired from None
    preview = recipients_check(
        survey_round=survey_round, headers=pending.headers, rows=pending.rows
    )
    pending.delete()
    return invitations_create(
        survey_round=survey_round,
        recipients=[
            Recipient(row.email, row.organization_id, row.language, row.organization)
            for row in preview.accepted
        ],
    )


def recipients_cancel(*, survey_round: SurveyRound, pending_id: str, user) -> None:
    with contextlib.suppress(ValueError):
        PendingImport.objects.filter(
            id=uuid.UUID(str(pending_id)), user=user, import_name=import_name(survey_round)
        ).delete()
