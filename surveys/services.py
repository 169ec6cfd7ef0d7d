"""Writes of the needs questionnaire: questionnaires (import, export, copy, new version), rounds,
invitations, and a respondent's way through: consent, saving pages, submitting once."""

import hashlib
import secrets
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, F, Max, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import FieldOfAction
from surveys import tokens
from surveys.models import (
    Answer,
    AnswerChoice,
    Choice,
    Condition,
    Invitation,
    MatrixItem,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Response,
    Section,
    SurveyRound,
    TokenFailure,
    Weight,
)

EXPORT_FORMAT = "ikokmu-questionnaire"
EXPORT_FORMAT_VERSION = 1


# Tokens ---------------------------------------------------------------------------------------


def new_token() -> str:
    """256 bits from the operating system's generator, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_failures_purge() -> int:
    """Delete the failed-link records that no longer count for the rate limit: they are client
    addresses, personal data without a purpose after the window. Returns how many went."""
    from surveys.queries import TOKEN_WINDOW

    deleted, _by_model = TokenFailure.objects.filter(at__lt=timezone.now() - TOKEN_WINDOW).delete()
    return deleted


def token_failure_record(*, ip_address: str | None) -> None:
    """Count a link that led nowhere; old entries of the address are dropped on the way."""
    from surveys.queries import TOKEN_WINDOW

    TokenFailure.objects.filter(
        ip_address=ip_address, at__lt=timezone.now() - TOKEN_WINDOW
    ).delete()
    TokenFailure.objects.create(ip_address=ip_address)


# Questionnaires: JSON export and import -------------------------------------------------------

_QUESTION_FIELDS = [
    "code",
    "type",
    "text",
    "help_text",
    "required",
    "display",
    "has_other",
    "other_label",
    "min_choices",
    "max_choices",
    "scale_points",
    "scale_low_label",
    "scale_high_label",
    "allow_dont_know",
    "unit",
    "breakdown",
    "number_integer",
    "date_precision",
]
VERSION_TEXTS = ["title", "introduction", "closing_text", "privacy_notice", "consent_label"]
_VERSION_TEXTS = VERSION_TEXTS


def _weights_out(weights) -> list[dict]:
    return [{"field": w.field_of_action.slug, "weight": str(w.weight)} for w in weights]


def _conditions_out(conditions) -> list[dict]:
    return [
        {"source": c.source.code, "operator": c.operator, "values": list(c.values)}
        for c in conditions
    ]


def questionnaire_export(version: QuestionnaireVersion) -> dict:
    """The whole version as plain data; questionnaire_import of it builds an equal copy."""
    from surveys.queries import version_structure

    structure = version_structure(version.pk, with_weights=True)
    data = {
        "format": EXPORT_FORMAT,
        "format_version": EXPORT_FORMAT_VERSION,
        "name": version.questionnaire.name,
        "languages": list(version.languages),
        **{name: dict(getattr(version, name)) for name in _VERSION_TEXTS},
        "sections": [],
    }
    for section in structure.sections:
        questions = []
        for q in section.questions_list:
            entry = {name: getattr(q, name) for name in _QUESTION_FIELDS}
            entry["number_min"] = None if q.number_min is None else str(q.number_min)
            entry["number_max"] = None if q.number_max is None else str(q.number_max)
            entry["weights"] = _weights_out(q.weights.all())
            entry["choices"] = [
                {
                    "code": c.code,
                    "label": dict(c.label),
                    "exclusive": c.exclusive,
                    "weights": _weights_out(c.weights.all()),
                }
                for c in q.choices_list
            ]
            entry["items"] = [
                {"code": i.code, "label": dict(i.label), "weights": _weights_out(i.weights.all())}
                for i in q.items_list
            ]
            entry["conditions"] = _conditions_out(q.conditions_list)
            questions.append(entry)
        data["sections"].append(
            {
                "title": dict(section.title),
                "description": dict(section.description),
                "conditions": _conditions_out(section.conditions_list),
                "questions": questions,
            }
        )
    return data


def _decimal(value):
    return None if value in (None, "") else Decimal(str(value))


@transaction.atomic
def questionnaire_import(
    *, data: dict, questionnaire: Questionnaire | None = None, copied_from=None
) -> QuestionnaireVersion:
    """Build a questionnaire version from exported data: a new questionnaire, or the next version
    of `questionnaire`. Raises ValidationError with a German message on malformed data."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise ValidationError(_("Die Datei ist kein exportierter Fragebogen."))
    try:
        return _import(data, questionnaire, copied_from)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ValidationError(
            _("Die Datei ist unvollständig oder fehlerhaft (%(detail)s).") % {"detail": error}
        ) from error


def _import(data, questionnaire, copied_from) -> QuestionnaireVersion:
    fields = {f.slug: f for f in FieldOfAction.objects.all()}
    if questionnaire is None:
        questionnaire = Questionnaire.objects.create(name=data["name"], copied_from=copied_from)
    number = (questionnaire.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    languages = ["de", *[code for code in data["languages"] if code != "de"]]
    version = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        number=number,
        languages=languages,
        **{name: dict(data.get(name) or {}) for name in _VERSION_TEXTS},
    )
    weights: list[Weight] = []
    pending_conditions: list[tuple[dict, Section | None, Question | None]] = []
    by_code: dict[str, Question] = {}
    breakdowns: set[str] = set()  # taken by a question already

    def add_weights(entries, **target):
        for entry in entries or []:
            if entry["field"] not in fields:
                raise ValueError(f"unbekanntes Handlungsfeld {entry['field']}")
            weights.append(
                Weight(
                    field_of_action=fields[entry["field"]],
                    weight=Decimal(str(entry["weight"])),
                    **target,
                )
            )

    for s_pos, s_data in enumerate(data["sections"], start=1):
        section = Section.objects.create(
            version=version,
            position=s_pos,
            title=dict(s_data["title"]),
            description=dict(s_data.get("description") or {}),
        )
        for c in s_data.get("conditions") or []:
            pending_conditions.append((c, section, None))
        for q_pos, q_data in enumerate(s_data["questions"], start=1):
            values = {name: q_data[name] for name in _QUESTION_FIELDS if name in q_data}
            for name in ["help_text", "other_label", "scale_low_label", "scale_high_label", "unit"]:
                values[name] = dict(values.get(name) or {})
            values["breakdown"] = _breakdown(values, breakdowns)
            if values.setdefault("date_precision", "day") not in Question.DatePrecision.values:
                raise ValueError(f"{values.get('code')}: Genauigkeit {values['date_precision']}")
            values["number_integer"] = bool(values.get("number_integer"))
            question = Question.objects.create(
                version=version,
                section=section,
                position=q_pos,
                number_min=_decimal(q_data.get("number_min")),
                number_max=_decimal(q_data.get("number_max")),
                **values,
            )
            by_code[question.code] = question
            add_weights(q_data.get("weights"), question=question)
            for c_pos, c_data in enumerate(q_data.get("choices") or [], start=1):
                choice = Choice.objects.create(
                    question=question,
                    position=c_pos,
                    code=c_data["code"],
                    label=c_data["label"],
                    exclusive=bool(c_data.get("exclusive")),
                )
                add_weights(c_data.get("weights"), choice=choice)
            for i_pos, i_data in enumerate(q_data.get("items") or [], start=1):
                item = MatrixItem.objects.create(
                    question=question, position=i_pos, code=i_data["code"], label=i_data["label"]
                )
                add_weights(i_data.get("weights"), item=item)
            for c in q_data.get("conditions") or []:
                pending_conditions.append((c, None, question))
    Weight.objects.bulk_create(weights)
    for c, section, question in pending_conditions:
        source = by_code[c["source"]]
        source_place = (source.section.position, source.position)
        target_place = (
            (section.position, 0) if section else (question.section.position, question.position)
        )
        if source_place >= target_place:
            raise ValueError(
                f"Bedingung auf {c['source']} bezieht sich nicht auf eine frühere Frage"
            )
    for question in by_code.values():
        if question.has_other and not question.choices.filter(code="other").exists():
            raise ValueError(f"{question.code}: „Sonstiges“ ohne Antwortmöglichkeit other")
    Condition.objects.bulk_create(
        Condition(
            section=section,
            question=question,
            source=by_code[c["source"]],
            operator=c["operator"],
            values=list(c["values"]),
        )
        for c, section, question in pending_conditions
    )
    for condition in Condition.objects.filter(source__version=version):
        condition.full_clean(exclude=["section", "question", "source"])
    return version


def _breakdown(values: dict, taken: set[str]) -> str:
    """The question's breakdown from imported data (older exports have none), checked here so
    that a bad file gets a message, not a violated constraint."""
    breakdown = values.get("breakdown") or ""
    if not breakdown:
        return ""
    allowed = Question.BREAKDOWN_TYPES.get(breakdown)
    if allowed is None or values.get("type") not in allowed:
        raise ValueError(f"{values.get('code')}: Auswertung {breakdown} passt nicht zum Fragetyp")
    if breakdown in taken:
        raise ValueError(f"{values.get('code')}: Auswertung {breakdown} gibt es schon")
    taken.add(breakdown)
    return breakdown


def questionnaire_copy(*, version: QuestionnaireVersion, name: str) -> QuestionnaireVersion:
    """A new questionnaire with the content of `version`."""
    data = questionnaire_export(version)
    data["name"] = name
    return questionnaire_import(data=data, copied_from=version)


def version_create_next(*, version: QuestionnaireVersion) -> QuestionnaireVersion:
    """The next version of the questionnaire, with the content of `version`, for editing once
    `version` is frozen by its responses."""
    return questionnaire_import(
        data=questionnaire_export(version), questionnaire=version.questionnaire
    )


# Rounds and invitations -----------------------------------------------------------------------


@transaction.atomic
def round_create(
    *,
    district,
    version,
    title,
    opens_at,
    closes_at,
    access=SurveyRound.Access.INVITATION,
    open_token: str | None = None,
    **extra,
) -> tuple[SurveyRound, str | None]:
    """A survey round; returns it and the secret of its open link (None for invitations only).
    `extra` takes the round's other fields (anonymity, sender, texts, created_by)."""
    salt = ""
    if access != SurveyRound.Access.INVITATION and open_token is None:
        salt = tokens.new_salt()
        open_token = tokens.open_token(salt)
    survey_round = SurveyRound.objects.create(
        district=district,
        version=version,
        title=title,
        opens_at=opens_at,
        closes_at=closes_at,
        access=access,
        open_token_hash=token_hash(open_token) if open_token else None,
        open_token_salt=salt,
        **extra,
    )
    return survey_round, open_token


def invitation_create(
    *,
    survey_round: SurveyRound,
    organization=None,
    email: str = "",
    token: str | None = None,
    **extra,
) -> tuple[Invitation, str]:
    """A personal invitation; returns it and its secret token, which is stored only hashed (and
    can be derived again from its salt, see surveys.tokens). A given `token` (tests, the demo's
    printed link) cannot be derived again."""
    salt = ""
    if token is None:
        salt = tokens.new_salt()
        token = tokens.invitation_token(salt)
    invitation = Invitation.objects.create(
        round=survey_round,
        organization=organization,
        email=email,
        token_hash=token_hash(token),
        token_salt=salt,
        **extra,
    )
    return invitation, token


# Answering ------------------------------------------------------------------------------------


class AlreadySubmitted(Exception):
    """The response was submitted; its answers cannot change."""


class Incomplete(Exception):
    """A shown required question has no answer; `position` is the section to go back to."""

    def __init__(self, position: int):
        super().__init__(position)
        self.position = position


def response_start_for_invitation(
    *, invitation: Invitation, language: str, token: str | None = None
) -> Response:
    """The invitation's response after consent; the same one if it was started before (two tabs
    consenting at once meet at the unique constraint and share it). The invitation is marked
    started.

    In an anonymous round the response does not name its invitation: it is stored under
    `tokens.response_key(token)` of the invitation's link (so `token` is needed), and the
    invitation only learns that it was started — in a transaction of its own, see
    `_invitation_mark`."""
    defaults = {"round_id": invitation.round_id, "language": language, "consent_at": timezone.now()}
    if invitation.round.anonymity == SurveyRound.Anonymity.ANONYMOUS:
        if not token:
            raise ValueError("an anonymous round's response is found by its link only")
        with transaction.atomic():
            response, _created = Response.objects.get_or_create(
                resume_token_hash=tokens.response_key(token), defaults=defaults
            )
    else:
        with transaction.atomic():
            response, _created = Response.objects.get_or_create(
                invitation=invitation, defaults=defaults
            )
    _invitation_mark(invitation.pk, started=True)
    return response


def invitation_mark_completed(*, invitation: Invitation) -> None:
    """Repair a completed flag lost between the submit and its own transaction."""
    _invitation_mark(invitation.pk, started=True, completed=True)
    invitation.started = invitation.completed = True


def _invitation_mark(invitation_id: int, **flags) -> None:
    """Set an invitation's started/completed flags after the response's own transaction has
    committed, not inside it: rows written by one transaction share PostgreSQL's transaction id
    (the system column xmin), which would pair an anonymous response with its invitation.
    Called outside any transaction, this is a separate one; a crash in between leaves the flag
    unset, and the next visit of the link sets it (surveys.views).

    A separate transaction alone is not enough: its id is the response's plus one whenever
    nothing else happened in between. So in an anonymous round the update rewrites every
    invitation of the round, and all of them carry the id of the latest mark; one lock on the
    round keeps two such updates from deadlocking."""
    with transaction.atomic():
        found = (
            Invitation.objects.filter(pk=invitation_id)
            .values_list("round_id", "round__anonymity")
            .first()
        )
        if found is None:
            return
        round_id, anonymity = found
        if anonymity != SurveyRound.Anonymity.ANONYMOUS:
            Invitation.objects.filter(pk=invitation_id).update(**flags)
            return
        list(SurveyRound.objects.select_for_update().filter(pk=round_id).values_list("pk"))
        Invitation.objects.filter(round_id=round_id).update(
            **{
                name: Case(When(pk=invitation_id, then=Value(value)), default=F(name))
                for name, value in flags.items()
            }
        )


def response_start_open(*, survey_round: SurveyRound, language: str) -> tuple[Response, str]:
    """A new response through the round's open link; returns it and its resume token."""
    token = new_token()
    response = Response.objects.create(
        round=survey_round,
        resume_token_hash=token_hash(token),
        language=language,
        consent_at=timezone.now(),
    )
    return response, token


def response_set_language(*, response: Response, language: str) -> None:
    Response.objects.filter(pk=response.pk).update(language=language)
    response.language = language


def _answers_for(response_id: int, question: Question, value) -> list[tuple[Answer, list]]:
    """Answer rows, each with the choice ids it ticks, for one cleaned value."""
    if value is None:
        return []
    if question.type == Question.Type.MATRIX:
        return [
            (
                Answer(
                    response_id=response_id,
                    question=question,
                    item_id=item_id,
                    number=number,
                    dont_know=dont_know,
                ),
                [],
            )
            for item_id, (number, dont_know) in value.items()
        ]
    answer = Answer(response_id=response_id, question=question)
    ticked = []
    match question.type:
        case Question.Type.SINGLE_CHOICE | Question.Type.YES_NO:
            answer.choice_id, answer.text = value
        case Question.Type.MULTIPLE_CHOICE:
            ticked, answer.text = value
        case Question.Type.RATING:
            answer.number, answer.dont_know = value
        case Question.Type.NUMBER:
            answer.number = value
        case Question.Type.DATE:
            answer.date = value
        case _:
            answer.text = value
    return [(answer, ticked)]


@transaction.atomic
def response_save_page(
    *, response: Response, questions: list[Question], values: dict[int, object], position: int
) -> None:
    """Store the answers of one page: `values` maps the page's shown questions to their cleaned
    values (None for no answer). Earlier answers of the page's questions, also of questions now
    hidden, are replaced. Two tabs saving at once take turns on the response's row lock."""
    locked = Response.objects.select_for_update().get(pk=response.pk)
    if locked.submitted_at is not None:
        raise AlreadySubmitted
    Answer.objects.filter(response=locked, question__in=questions).delete()
    rows = []
    for question in questions:
        rows += _answers_for(locked.pk, question, values.get(question.pk))
    Answer.objects.bulk_create([answer for answer, _ticked in rows])
    AnswerChoice.objects.bulk_create(
        AnswerChoice(answer=answer, choice_id=choice_id)
        for answer, ticked in rows
        for choice_id in ticked
    )
    Response.objects.filter(pk=locked.pk).update(
        furthest_position=max(locked.furthest_position, position), updated_at=timezone.now()
    )


def response_submit(*, response: Response, invitation: Invitation | None = None) -> bool:
    """Submit once (see `_response_submit`); then mark the invitation whose link was used (an
    anonymous response does not name it) completed, in a transaction of its own
    (`_invitation_mark`)."""
    done = _response_submit(response=response)
    invitation_id = invitation.pk if invitation is not None else response.invitation_id
    if done and invitation_id is not None:
        _invitation_mark(invitation_id, started=True, completed=True)
    return done


@transaction.atomic
def _response_submit(*, response: Response) -> bool:
    """Submit once. Returns True for the submit that counted, False if the response was already
    submitted (a second click, another tab). Raises Incomplete if a shown required question is
    unanswered. Answers of questions hidden by the final answers are discarded first."""
    from surveys.queries import answer_values, version_structure

    locked = Response.objects.select_for_update().get(pk=response.pk)
    if locked.submitted_at is not None:
        return False
    structure = version_structure(response.round.version_id, version=response.round.version)
    values = answer_values(locked.pk)
    hidden = [q.pk for q in structure.questions if not structure.is_shown(q, values)]
    if hidden:
        Answer.objects.filter(response=locked, question__in=hidden).delete()
        values = answer_values(locked.pk)
    for question in structure.questions:
        if question.required and question.pk not in hidden and question.code not in values:
            raise Incomplete(question.section.position)
    # The database decides: only one UPDATE finds submitted_at still empty.
    done = Response.objects.filter(pk=locked.pk, submitted_at__isnull=True).update(
        submitted_at=timezone.now()
    )
    return done == 1


# Builder: editing a version that has no responses yet -----------------------------------------


def _ensure_editable(version: QuestionnaireVersion) -> None:
    """Responses fix the meaning of every question: a frozen version is not edited. A version
    about to change gets a new structure stamp, so cached structures are rebuilt."""
    QuestionnaireVersion.objects.filter(pk=version.pk).update(structure_changed_at=timezone.now())
    if version.is_frozen:
        raise ValidationError(
            _(
                "Zu dieser Version gibt es schon Antworten; ihr Aufbau ist eingefroren. "
                "Legen Sie eine neue Version an, um etwas zu ändern."
            )
        )


@transaction.atomic
def version_update(*, version: QuestionnaireVersion, languages: list[str], texts: dict) -> None:
    """Languages and the questionnaire's own texts (title, introduction, …) per language."""
    _ensure_editable(version)
    version.languages = ["de", *[code for code in languages if code != "de"]]
    for name, value in texts.items():
        setattr(version, name, value)
    version.save()


def _replace_conditions(*, version, rows, section=None, question=None) -> None:
    Condition.objects.filter(section=section, question=question).delete()
    sources = {q.code: q for q in version.questions.all()}
    Condition.objects.bulk_create(
        Condition(
            section=section, question=question, source=sources[code], operator=op, values=values
        )
        for code, op, values in rows
    )


@transaction.atomic
def section_save(
    *,
    version: QuestionnaireVersion,
    section: Section | None = None,
    title: dict,
    description: dict,
    conditions: list | None = None,
) -> Section:
    _ensure_editable(version)
    if section is None:
        position = (version.sections.aggregate(n=Max("position"))["n"] or 0) + 1
        section = Section(version=version, position=position)
    section.title, section.description = title, description
    section.save()
    if conditions is not None:
        _replace_conditions(version=version, rows=conditions, section=section)
    return section


def _renumber(queryset) -> None:
    for position, row in enumerate(queryset.order_by("position"), start=1):
        if row.position != position:
            type(row).objects.filter(pk=row.pk).update(position=position)


@transaction.atomic
def section_move(*, section: Section, step: int) -> None:
    """Swap with the neighbour above (step -1) or below (+1); positions are checked unique at
    commit (deferred constraint), so the swap never collides."""
    _ensure_editable(section.version)
    neighbour = Section.objects.filter(
        version=section.version, position=section.position + step
    ).first()
    if neighbour is None:
        return
    neighbour.position, section.position = section.position, neighbour.position
    Section.objects.filter(pk=neighbour.pk).update(position=neighbour.position)
    Section.objects.filter(pk=section.pk).update(position=section.position)


@transaction.atomic
def section_delete(*, section: Section) -> None:
    version = section.version
    _ensure_editable(version)
    section.delete()
    _renumber(version.sections.all())


@transaction.atomic
def question_save(
    *,
    section: Section,
    question: Question | None = None,
    fields: dict,
    choices: list[dict],
    items: list[dict],
    weights: list | None = None,
    conditions: list | None = None,
) -> Question:
    """Create or change a question with its choices and matrix rows (given in their order, each
    {"code", "label"}). Choices and rows keep their weights when their code stays; `weights`
    ((target code or "*", field slug, weight)) and `conditions` ((source code, operator,
    values)) replace the question's own when given."""
    _ensure_editable(section.version)
    if question is None:
        position = (section.questions.aggregate(n=Max("position"))["n"] or 0) + 1
        question = Question(version=section.version, section=section, position=position)
    for name, value in fields.items():
        setattr(question, name, value)
    question.full_clean()
    question.save()
    _replace_rows(Choice, question, choices)
    _replace_rows(MatrixItem, question, items)
    if weights is not None:
        _replace_weights(question, weights)
    if conditions is not None:
        _replace_conditions(version=section.version, rows=conditions, question=question)
    return question


def _replace_weights(question: Question, rows) -> None:
    choices = {c.code: c for c in question.choices.all()}
    items = {i.code: i for i in question.items.all()}
    Weight.objects.filter(question=question).delete()
    Weight.objects.filter(choice__question=question).delete()
    Weight.objects.filter(item__question=question).delete()
    fields = {f.slug: f for f in FieldOfAction.objects.all()}
    Weight.objects.bulk_create(
        Weight(
            field_of_action=fields[slug],
            weight=weight,
            question=question if target == "*" else None,
            choice=choices.get(target) if target != "*" else None,
            item=items.get(target) if target != "*" and target not in choices else None,
        )
        for target, slug, weight in rows
    )


def _replace_rows(model, question, rows: list[dict]) -> None:
    existing = {row.code: row for row in model.objects.filter(question=question)}
    wanted = [row["code"] for row in rows]
    model.objects.filter(question=question).exclude(code__in=wanted).delete()
    for position, row in enumerate(rows, start=1):
        current = existing.get(row["code"])
        # Choices may exclude the others ("keine davon"); matrix rows have no such flag.
        extra = {"exclusive": bool(row.get("exclusive"))} if model is Choice else {}
        if current is None:
            model.objects.create(
                question=question, position=position, code=row["code"], label=row["label"], **extra
            )
        else:
            model.objects.filter(pk=current.pk).update(
                position=position, label=row["label"], **extra
            )


@transaction.atomic
def question_move(*, question: Question, step: int) -> None:
    _ensure_editable(question.version)
    neighbour = Question.objects.filter(
        section=question.section, position=question.position + step
    ).first()
    if neighbour is None:
        return
    Question.objects.filter(pk=neighbour.pk).update(position=question.position)
    Question.objects.filter(pk=question.pk).update(position=neighbour.position)


@transaction.atomic
def question_delete(*, question: Question) -> None:
    section = question.section
    _ensure_editable(section.version)
    question.delete()
    _renumber(section.questions.all())
