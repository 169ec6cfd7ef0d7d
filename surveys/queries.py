"""Reads of the needs questionnaire: a version's structure, a token's way in, a response's
answers, conditions and the needs profile by field of action."""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import connection
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from catalog.models import FieldOfAction
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

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")
TOKEN_WINDOW = datetime.timedelta(minutes=10)
TOKEN_FAILURE_LIMIT = 20


def text_in(texts: dict, language: str) -> str:
    """A translated text in `language`, German where the translation is missing."""
    return (texts or {}).get(language) or (texts or {}).get("de", "")


# Structure ------------------------------------------------------------------------------------


@dataclass
class Structure:
    version: QuestionnaireVersion
    sections: list[Section]
    questions: list[Question]

    def section_at(self, position: int) -> Section | None:
        return next((s for s in self.sections if s.position == position), None)

    def section_shown(self, section: Section, values: dict) -> bool:
        return all(condition_holds(c, values) for c in section.conditions_list)

    def is_shown(self, question: Question, values: dict) -> bool:
        return self.section_shown(question.section, values) and all(
            condition_holds(c, values) for c in question.conditions_list
        )

    def page_questions(self, section: Section, values: dict) -> list[Question]:
        """The section's questions whose conditions on earlier pages hold; conditions on the
        same page are decided as the respondent answers (forms.PageForm `active`)."""
        return [
            q
            for q in section.questions_list
            if all(
                condition_holds(c, values)
                for c in q.conditions_list
                if c.source.section_id != section.pk
            )
        ]

    def shown_sections(self, values: dict) -> list[Section]:
        return [s for s in self.sections if self.section_shown(s, values)]

    def progress(self, values: dict, section: Section | None = None) -> "Progress":
        """Where the respondent stands: the page's number among the shown pages, and how many
        there can be in all, the review included. A later section counts while its conditions
        hold or still may (they ask about a question on this page or after it that has no
        answer yet), so the total never grows when a conditional section appears, it only
        shrinks when one is ruled out."""
        shown = self.shown_sections(values)
        if section is None:  # the review page
            return Progress(step=len(shown) + 1, steps=len(shown) + 1, certain=True)
        position_of = {s.pk: s.position for s in self.sections}
        step = next((n for n, s in enumerate(shown, start=1) if s.pk == section.pk), 1)
        later, certain = 0, True
        for candidate in self.sections:
            if candidate.position <= section.position:
                continue
            if self.section_shown(candidate, values):
                later += 1
                continue
            open_conditions = [
                c
                for c in candidate.conditions_list
                if not condition_holds(c, values)
                and c.source.code not in values
                and position_of.get(c.source.section_id, 0) >= section.position
            ]
            decided = [c for c in candidate.conditions_list if c not in open_conditions]
            if open_conditions and all(condition_holds(c, values) for c in decided):
                later += 1
                certain = False
        return Progress(step=step, steps=step + later + 1, certain=certain)


@dataclass
class Progress:
    step: int
    steps: int
    certain: bool  # False: some of the pages counted may still be left out

    @property
    def percent(self) -> int:
        return int(100 * (self.step - 1) / self.steps)


_structure_cache: dict[tuple[int, object], Structure] = {}


def version_structure(
    version_id: int, *, with_weights: bool = False, version: QuestionnaireVersion | None = None
) -> Structure:
    """Sections, questions, choices, matrix items and conditions of a version in a fixed number
    of queries (seven, ten with weights).

    Given the `version` row, answering pages reuse the structure this process built before, as
    long as the version's `structure_changed_at` is the same (the builder's services bump it).
    The cached objects are shared: callers only read them."""
    if version is not None and not with_weights:
        key = (version.pk, version.structure_changed_at)
        cached = _structure_cache.get(key)
        if cached is None:
            cached = _build_structure(version.pk, with_weights=False)
            if len(_structure_cache) > 50:
                _structure_cache.clear()
            _structure_cache[key] = cached
        return cached
    return _build_structure(version_id, with_weights=with_weights)


def _build_structure(version_id: int, *, with_weights: bool) -> Structure:
    version = QuestionnaireVersion.objects.select_related("questionnaire").get(pk=version_id)
    conditions = Condition.objects.select_related("source").order_by("pk")
    question_prefetches = [
        Prefetch("choices", queryset=Choice.objects.order_by("position"), to_attr="choices_list"),
        Prefetch("items", queryset=MatrixItem.objects.order_by("position"), to_attr="items_list"),
        Prefetch("conditions", queryset=conditions, to_attr="conditions_list"),
    ]
    if with_weights:
        weights = Weight.objects.select_related("field_of_action").order_by("pk")
        question_prefetches += [
            Prefetch("weights", queryset=weights),
            Prefetch("choices_list__weights", queryset=weights),
            Prefetch("items_list__weights", queryset=weights),
        ]
    sections = list(
        Section.objects.filter(version=version)
        .order_by("position")
        .prefetch_related(
            Prefetch("conditions", queryset=conditions, to_attr="conditions_list"),
        )
    )
    by_pk = {s.pk: s for s in sections}
    questions = list(
        Question.objects.filter(version=version)
        .order_by("section__position", "position")
        .prefetch_related(*question_prefetches)
    )
    for section in sections:
        section.questions_list = []
    for question in questions:
        question.section = by_pk[question.section_id]
        question.section.questions_list.append(question)
    return Structure(version=version, sections=sections, questions=questions)


# Answers and conditions -----------------------------------------------------------------------


def answer_values(response_id: int) -> dict:
    """A response's answers by question code, as conditions and forms use them:
    single choice and yes/no the choice code, multiple choice a set of codes, rating the number
    or "dont_know", matrix {item code: number or "dont_know"}, number a Decimal, texts a string,
    date a date. The "Sonstiges" text is under (code, "other")."""
    values: dict = {}
    rows = Answer.objects.filter(response_id=response_id).values_list(
        "question__code",
        "question__type",
        "item__code",
        "choice__code",
        "number",
        "text",
        "date",
        "dont_know",
    )
    for code, qtype, item, choice, number, text, date, dont_know in rows:
        scalar = "dont_know" if dont_know else number
        match qtype:
            case Question.Type.SINGLE_CHOICE | Question.Type.YES_NO:
                values[code] = choice
                if text:
                    values[(code, "other")] = text
            case Question.Type.MULTIPLE_CHOICE:
                values.setdefault(code, set())
                if text:
                    values[(code, "other")] = text
            case Question.Type.MATRIX:
                values.setdefault(code, {})[item] = scalar
            case Question.Type.RATING:
                values[code] = scalar
            case Question.Type.NUMBER:
                values[code] = number
            case Question.Type.DATE:
                values[code] = date
            case _:
                values[code] = text
    ticked = AnswerChoice.objects.filter(answer__response_id=response_id).values_list(
        "answer__question__code", "choice__code"
    )
    for code, choice in ticked:
        values.setdefault(code, set()).add(choice)
    return values


def _number(value) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def condition_holds(condition: Condition, values: dict) -> bool:
    """Whether an earlier answer matches the condition; no answer never matches."""
    value = values.get(condition.source.code)
    if value is None or value == "" or value == set():
        return False
    wanted = [str(v) for v in condition.values]
    op = condition.operator
    if isinstance(value, set):
        match op:
            case Condition.Operator.EQUALS:
                return value == set(wanted)
            case Condition.Operator.ONE_OF:
                return bool(value & set(wanted))
            case Condition.Operator.CONTAINS:
                return set(wanted) <= value
        return False
    if op in (Condition.Operator.GREATER, Condition.Operator.LESS):
        number, limit = _number(value), _number(wanted[0] if wanted else None)
        if number is None or limit is None:
            return False
        return number > limit if op == Condition.Operator.GREATER else number < limit
    if isinstance(value, Decimal):
        numbers = [_number(v) for v in wanted]
        if op == Condition.Operator.EQUALS:
            return bool(numbers) and value == numbers[0]
        return value in numbers
    text = str(value)
    match op:
        case Condition.Operator.EQUALS:
            return bool(wanted) and text == wanted[0]
        case Condition.Operator.ONE_OF:
            return text in wanted
        case Condition.Operator.CONTAINS:
            return bool(wanted) and wanted[0].casefold() in text.casefold()
    return False


# Ways in --------------------------------------------------------------------------------------


@dataclass
class Entry:
    """Where a personal token leads: the round, and the invitation and/or the response."""

    round: SurveyRound
    invitation: Invitation | None = None
    response: Response | None = None

    @property
    def withdrawn(self) -> bool:
        return self.invitation is not None and self.invitation.withdrawn_at is not None

    @property
    def is_open(self) -> bool:
        now = timezone.now()
        return self.round.opens_at <= now < self.round.closes_at


def _round_related(prefix: str = "") -> list[str]:
    return [f"{prefix}round__version__questionnaire", f"{prefix}round__district"]


def entry_for_token(token: str) -> Entry | None:
    """The invitation or open-link response behind a personal token, or None."""
    from surveys.services import token_hash

    if not TOKEN_PATTERN.fullmatch(token or ""):
        return None
    digest = token_hash(token)
    invitation = (
        Invitation.objects.select_related(*_round_related())
        .filter(token_hash=digest)
        .exclude(round__access=SurveyRound.Access.OPEN)
        .first()
    )
    if invitation is not None:
        if invitation.round.anonymity == SurveyRound.Anonymity.ANONYMOUS:
            # No column leads from an anonymous response to its invitation: only the link does.
            from surveys.tokens import response_key

            response = Response.objects.filter(resume_token_hash=response_key(token)).first()
        else:
            response = Response.objects.filter(invitation=invitation).first()
        if response is not None:
            response.round = invitation.round
        return Entry(round=invitation.round, invitation=invitation, response=response)
    response = (
        Response.objects.select_related(*_round_related()).filter(resume_token_hash=digest).first()
    )
    if response is not None:
        return Entry(round=response.round, response=response)
    return None


def round_for_open_token(token: str) -> SurveyRound | None:
    from surveys.services import token_hash

    if not TOKEN_PATTERN.fullmatch(token or ""):
        return None
    return (
        SurveyRound.objects.select_related("version__questionnaire", "district")
        .filter(open_token_hash=token_hash(token))
        .exclude(access=SurveyRound.Access.INVITATION)
        .first()
    )


def token_guessing_blocked(ip_address: str | None) -> bool:
    since = timezone.now() - TOKEN_WINDOW
    failures = TokenFailure.objects.filter(ip_address=ip_address, at__gte=since)
    return failures.count() >= TOKEN_FAILURE_LIMIT


# Needs profile --------------------------------------------------------------------------------

_PROFILE_SQL = """
SELECT s.field_id, SUM(s.score) AS total
FROM (
    SELECT w.field_of_action_id AS field_id, w.weight AS score
    FROM surveys_answer a JOIN surveys_weight w ON w.choice_id = a.choice_id
    WHERE a.response_id = %(response)s
  UNION ALL
    SELECT w.field_of_action_id, w.weight
    FROM surveys_answerchoice ac
    JOIN surveys_answer a ON a.id = ac.answer_id
    JOIN surveys_weight w ON w.choice_id = ac.choice_id
    WHERE a.response_id = %(response)s
  UNION ALL
    SELECT w.field_of_action_id, w.weight * (a.number - 1) / (q.scale_points - 1)
    FROM surveys_answer a
    JOIN surveys_question q ON q.id = a.question_id
    JOIN surveys_weight w ON w.question_id = a.question_id
    WHERE a.response_id = %(response)s AND a.item_id IS NULL AND a.number IS NOT NULL
      AND q.type = 'rating'
  UNION ALL
    SELECT w.field_of_action_id, w.weight * (a.number - 1) / (q.scale_points - 1)
    FROM surveys_answer a
    JOIN surveys_question q ON q.id = a.question_id
    JOIN surveys_weight w ON w.item_id = a.item_id
    WHERE a.response_id = %(response)s AND a.number IS NOT NULL
) s
GROUP BY s.field_id
HAVING SUM(s.score) > 0
"""


@dataclass
class ProfileEntry:
    field_of_action: FieldOfAction
    score: Decimal
    share: int = 0  # percent of the strongest field, for the bars


@dataclass
class NeedsProfile:
    entries: list[ProfileEntry] = field(default_factory=list)

    def strongest(self, count: int = 3) -> list[FieldOfAction]:
        return [e.field_of_action for e in self.entries[:count]]


def needs_profile(response_id: int) -> NeedsProfile:
    """The response's needs by field of action, summed in SQL from the weights of its answers;
    strongest first. Two queries."""
    with connection.cursor() as cursor:
        cursor.execute(_PROFILE_SQL, {"response": response_id})
        totals = dict(cursor.fetchall())
    fields = FieldOfAction.objects.in_bulk(list(totals))
    entries = sorted(
        (
            ProfileEntry(fields[pk], Decimal(total).quantize(Decimal("0.01")))
            for pk, total in totals.items()
        ),
        key=lambda e: (-e.score, e.field_of_action.position, e.field_of_action.name),
    )
    if entries:
        top = entries[0].score
        for entry in entries:
            entry.share = int(round(100 * entry.score / top))
    return NeedsProfile(entries)


def open_rounds_overview(limit: int = 10) -> list[dict]:
    """Rounds open now with their count of submitted responses, in one query."""
    now = timezone.now()
    return list(
        SurveyRound.objects.filter(opens_at__lte=now, closes_at__gt=now)
        .annotate(submitted=Count("responses", filter=Q(responses__submitted_at__isnull=False)))
        .order_by("closes_at")
        .values("pk", "title", "district__name", "submitted")[:limit]
    )


# Builder --------------------------------------------------------------------------------------


def questionnaire_list() -> QuerySet[Questionnaire]:
    latest = QuestionnaireVersion.objects.filter(questionnaire=OuterRef("pk")).order_by("-number")
    return Questionnaire.objects.annotate(
        version_count=Count("versions", distinct=True),
        latest_version_pk=Subquery(latest.values("pk")[:1]),
        latest_version_number=Subquery(latest.values("number")[:1]),
    ).order_by("name", "pk")


def versions_of(questionnaire: Questionnaire) -> QuerySet[QuestionnaireVersion]:
    return questionnaire.versions.annotate(
        response_count=Count("rounds__responses", distinct=True),
        round_count=Count("rounds", distinct=True),
    ).order_by("-number")


def missing_translations(structure: Structure) -> list[tuple[str, str, str]]:
    """(language, where, German text) for every text without its translation."""
    version = structure.version
    missing = []

    def check(texts, where):
        if not (texts or {}).get("de"):
            return
        for language in version.languages:
            if language != "de" and not (texts or {}).get(language):
                missing.append((language, where, texts["de"]))

    for name in ["title", "introduction", "closing_text", "privacy_notice", "consent_label"]:
        check(getattr(version, name), str(QuestionnaireVersion._meta.get_field(name).verbose_name))
    for section in structure.sections:
        check(section.title, f"{section.position}")
        check(section.description, f"{section.position}")
        for q in section.questions_list:
            for name in [
                "text",
                "help_text",
                "other_label",
                "scale_low_label",
                "scale_high_label",
                "unit",
            ]:
                check(getattr(q, name), q.code)
            for c in q.choices_list:
                check(c.label, f"{q.code}/{c.code}")
            for i in q.items_list:
                check(i.label, f"{q.code}/{i.code}")
    return missing
