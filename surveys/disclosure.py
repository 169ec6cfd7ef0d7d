"""Disclosure control of survey outputs: what of a round each role may see, on top of the counting
rules of ikokmu.disclosure that every output applies.

- Anonymous rounds: free texts (text questions and "Sonstiges") reach district staff only once the
  project team released each one (`TextRelease`); until then staff see how many wait. The team
  sees every text. Personalised rounds show their texts to both, as before: the district invited
  the organisations by name and knows who answered.
- Exports of anonymous rounds for district staff are coarsened (`coarsening_for`, applied in
  surveys.exports): numbers and dates in the bands of the results page, free texts only where
  released, and rows whose sector, size class and bands are rare generalised, then left out. The
  project team gets the full data (every export is in the audit trail).
"""

from dataclasses import dataclass, field

from ikokmu.roles import Role, roles_of
from surveys.models import Answer, Question, SurveyRound

REVIEW_LISTED = 200


def is_anonymous(survey_round: SurveyRound) -> bool:
    return survey_round.anonymity != SurveyRound.Anonymity.PERSONALISED


def sees_full_data(user) -> bool:
    """The project team sees and exports every answer; district staff what disclosure control
    leaves of anonymous rounds."""
    return Role.PROJECT_TEAM in roles_of(user)


def released_only(survey_round: SurveyRound, user) -> bool:
    """Whether `user` sees only the released free texts of the round."""
    return is_anonymous(survey_round) and not sees_full_data(user)


@dataclass
class TextReview:
    """The free texts of a round for the team's review: those waiting for release and those
    released (each list at most REVIEW_LISTED long, with the full counts)."""

    waiting: list[Answer] = field(default_factory=list)
    waiting_total: int = 0
    released: list[Answer] = field(default_factory=list)
    released_total: int = 0


def text_review(survey_round: SurveyRound) -> TextReview:
    """The round's submitted, not hidden free texts, split by release (four queries)."""
    texts = (
        Answer.objects.filter(
            response__round=survey_round,
            response__submitted_at__isnull=False,
            hidden__isnull=True,
            question__type__in=[
                Question.Type.SHORT_TEXT,
                Question.Type.LONG_TEXT,
                Question.Type.SINGLE_CHOICE,
                Question.Type.MULTIPLE_CHOICE,
            ],
        )
        .exclude(text="")
        .select_related("question", "release__released_by")
        .order_by("question__section__position", "question__position", "pk")
    )
    waiting = texts.filter(release__isnull=True)
    released = texts.filter(release__isnull=False)
    return TextReview(
        waiting=list(waiting[:REVIEW_LISTED]),
        waiting_total=waiting.count(),
        released=list(released[:REVIEW_LISTED]),
        released_total=released.count(),
    )


# Exports of anonymous rounds for district staff --------------------------------------------------

GENERALISED_LABEL = "verallgemeinert"
# The steps of generalisation, as levels of a row: dates blanked first (a founding year is the
# surest pointer), then every band, then the size class, then the sector; then left out.
DATES, BANDS, SIZE, SECTOR, SUPPRESSED = 1, 2, 3, 4, 5
GENERALISED_CODE = 97  # in SPSS, beside the "weiß nicht" code 99

# Pass one of a coarsened export: per response (in the export's row order, see
# surveys.exports._rows), the answers that make up its key and its free texts with their release.
_KEYS_SQL = """
SELECT r.id, a.question_id, a.choice_id, a.number, a.date,
       a.text <> '' AND h.id IS NULL AS has_text, rel.id IS NOT NULL AS released
FROM surveys_response r
LEFT JOIN surveys_answer a ON a.response_id = r.id AND a.question_id = ANY(%(questions)s)
LEFT JOIN surveys_hiddentext h ON h.answer_id = a.id
LEFT JOIN surveys_textrelease rel ON rel.answer_id = a.id
WHERE r.round_id = %(round)s AND r.submitted_at IS NOT NULL
ORDER BY md5(%(key)s || r.id::text), r.id
"""


def _band_of(value, bands) -> int | None:
    """The position (1, 2, …) of the band `value` falls in: the last whose lower bound it
    reaches (bands are ordered and the first is open below or starts at the smallest answer)."""
    if value is None or not bands:
        return None
    found = 1
    for index, band in enumerate(bands, 1):
        if band.low is None or value >= band.low:
            found = index
    return found


@dataclass
class Coarsening:
    """How an export of an anonymous round is coarsened for district staff: its columns, and for
    each response (in the export's order) how far it is generalised and which of its texts were
    released. `apply` turns the full rows into the coarsened ones; `notes` are the codebook's
    count of what was changed."""

    columns: list
    sources: list  # per coarse column: (kind, index of the full column)
    levels: list[int]
    released: list[set]
    answers: list[dict]  # per row, the answers read in pass one, to check the rows' order
    notes: list[list] = field(default_factory=list)
    # Per level, the questions whose texts go with the generalised columns (their "Sonstiges").
    generalising: dict = field(default_factory=dict)

    def apply(self, rows, *, spss: bool = False):
        generalised = GENERALISED_CODE if spss else GENERALISED_LABEL
        number = 0
        position = -1
        for position, row in enumerate(rows):
            if position >= len(self.levels):
                raise RuntimeError("Export rows and disclosure keys are out of step.")
            level = self.levels[position]
            if level >= SUPPRESSED:
                continue  # rare even as "some business somewhere"
            number += 1
            released = self.released[position]
            out = []
            for (kind, index, extra), column in zip(self.sources, self.columns, strict=True):
                value = row[index]
                if kind == "number":
                    value = number
                elif kind == "band":
                    # Pass one must have read the same response: else a row would be coarsened
                    # by another one's key. Better no export than a wrong one.
                    if value != self.answers[position].get(column.question_id, value):
                        raise RuntimeError("Export rows and disclosure keys are out of step.")
                    band = _band_of(value, extra)
                    step = DATES if column.question_type == Question.Type.DATE else BANDS
                    if band is not None:
                        value = generalised if level >= step else self._coded(column, band, spss)
                    elif value is not None:
                        value = generalised
                elif kind == "size_class":
                    band = _band_of(value, extra)
                    if band is not None:
                        value = generalised if level >= SIZE else self._coded(column, band, spss)
                elif kind == "size":
                    value = generalised if level >= SIZE and value is not None else value
                elif kind == "sector":
                    value = generalised if level >= SECTOR and value is not None else value
                elif kind == "text":
                    value = value if column.question_id in released else None
                    # "Sonstiges: Landwirtschaft" would name the sector that was generalised.
                    if column.question_id in self.generalising.get(level, ()):
                        value = None
                out.append(value)
            yield out
        if position + 1 != len(self.levels):
            raise RuntimeError("Export rows and disclosure keys are out of step.")

    @staticmethod
    def _coded(column, band: int, spss: bool):
        return band if spss else column.values[band - 1][0]


def coarsening_for(survey_round: SurveyRound, columns: list) -> Coarsening:
    """The coarsening of the round's export for district staff (two queries beside the results
    page's three): numbers and dates in the page's bands; the key of a row is its sector, size
    class and bands, and rows whose key occurs fewer than five times are generalised (date
    bands, then all bands, then size class, then sector), then left out
    (ikokmu.disclosure.generalise_rows)."""
    import copy

    from django.db import connection

    from ikokmu import disclosure as rules
    from surveys import results, tokens
    from surveys.results import SIZE_BOUNDS

    T = Question.Type
    page = results.round_results(survey_round)
    bands = {
        q.question.pk: q.bands for q in page.questions if q.question.type in (T.NUMBER, T.DATE)
    }
    by_id = {q.question.pk: q.question for q in page.questions}
    sector_question = next(
        (q for q in by_id.values() if q.breakdown == Question.Breakdown.SECTOR), None
    )
    size_question = next(
        (q for q in by_id.values() if q.breakdown == Question.Breakdown.SIZE), None
    )
    size_classes = [
        results.Band(str(size_class.label), SIZE_BOUNDS[size_class][0], SIZE_BOUNDS[size_class][1])
        for size_class in SIZE_BOUNDS
    ]
    generalised_value = (GENERALISED_LABEL, GENERALISED_CODE, GENERALISED_LABEL)

    coarse, sources = [], []
    for index, column in enumerate(columns):
        question = by_id.get(column.question_id)
        if column.question_id is None and column.part == "":
            coarse.append(column)
            sources.append(("number", index, None))
        elif question is not None and column.part == "" and question.pk in bands:
            changed = copy.copy(column)
            changed.kind = "number"
            changed.label = f"{column.label} (Bereich)"
            changed.values = [
                (band.label, i, band.label) for i, band in enumerate(bands[question.pk], 1)
            ] + [generalised_value]
            coarse.append(changed)
            sources.append(("band", index, bands[question.pk]))
            if question is size_question:
                derived = copy.copy(column)
                derived.name = f"{column.name}_klasse"
                derived.kind = "number"
                derived.label = f"{column.label}: Größenklasse"
                derived.values = [
                    (band.label, i, band.label) for i, band in enumerate(size_classes, 1)
                ] + [generalised_value]
                coarse.append(derived)
                sources.append(("size_class", index, size_classes))
        elif (
            question is not None
            and column.part == ""
            and question
            in (
                sector_question,
                size_question,
            )
        ):
            changed = copy.copy(column)
            changed.values = [*column.values, generalised_value]
            coarse.append(changed)
            sources.append(("sector" if question is sector_question else "size", index, None))
        elif column.kind == "text" and column.question_id is not None:
            coarse.append(column)
            sources.append(("text", index, None))
        else:
            coarse.append(column)
            sources.append(("keep", index, None))

    banded = list(bands)
    keyed = [q.pk for q in (sector_question, size_question) if q is not None]
    texted = {q.pk for q in by_id.values() if q.has_other or q.type in (T.SHORT_TEXT, T.LONG_TEXT)}
    params = {
        "round": survey_round.pk,
        "questions": sorted(set(banded) | set(keyed) | texted),
        "key": tokens.round_secret("survey-export-order", survey_round.pk),
    }
    keys, released, waiting_per_row = [], [], []
    current = None
    with connection.cursor() as cursor:
        cursor.execute(_KEYS_SQL, params)
        for response_id, question_id, choice_id, number, date, has_text, is_released in cursor:
            if response_id != current:
                current = response_id
                answers: dict = {}
                keys.append(answers)
                released.append(set())
                waiting_per_row.append(0)
            if question_id is None:
                continue
            answers[question_id] = (
                choice_id if choice_id is not None else number if number is not None else date
            )
            if question_id in texted and has_text:
                if is_released:
                    released[-1].add(question_id)
                else:
                    waiting_per_row[-1] += 1

    def key_of(answers: dict) -> tuple:
        sector = answers.get(sector_question.pk) if sector_question else None
        size = answers.get(size_question.pk) if size_question else None
        if size_question is not None and size_question.type == T.NUMBER:
            size = _band_of(size, size_classes)
        return (
            sector,
            size,
            *(_band_of(answers.get(pk), bands[pk]) for pk in banded),
        )

    dates = [2 + i for i, pk in enumerate(banded) if by_id[pk].type == T.DATE]
    outcome = rules.generalise_rows(
        [key_of(answers) for answers in keys],
        [
            rules.blank(dates),
            rules.blank(range(2, 2 + len(banded))),
            rules.blank([1]),
            rules.blank([0]),
        ],
    )
    size_other = {size_question.pk} if size_question is not None else set()
    sector_other = {sector_question.pk} if sector_question is not None else set()
    generalising = {SIZE: size_other, SECTOR: size_other | sector_other}
    blanked = sum(
        waiting
        for waiting, level in zip(waiting_per_row, outcome.levels, strict=True)
        if level < SUPPRESSED
    )
    blanked += sum(
        len(texts & generalising.get(level, set()))
        for texts, level in zip(released, outcome.levels, strict=True)
    )
    notes = [
        [
            "Offenlegungskontrolle",
            "Anonyme Runde, Export für den Landkreis: Zahlen und Daten in den Bereichen der "
            "Ergebnisseite, Freitexte nur nach Freigabe durch das Projektteam; Zeilen mit einer "
            "Kombination aus Branche, Größenklasse und Bereichen, die seltener als "
            f"{rules.MIN_CELL}-mal vorkommt, verallgemeinert („{GENERALISED_LABEL}“, in SPSS "
            f"{GENERALISED_CODE}) oder weggelassen.",
            "",
            "",
            "",
            "",
        ],
        ["Offenlegungskontrolle", "Freitexte ohne Freigabe geleert", "", blanked, "", ""],
        [
            "Offenlegungskontrolle",
            "Zeilen mit verallgemeinerten Datumsbereichen",
            "",
            outcome.per_step[0] if dates else 0,
            "",
            "",
        ],
        [
            "Offenlegungskontrolle",
            "davon zusätzlich Zahlenbereiche verallgemeinert",
            "",
            outcome.per_step[1],
            "",
            "",
        ],
        [
            "Offenlegungskontrolle",
            "davon zusätzlich Größenklasse verallgemeinert",
            "",
            outcome.per_step[2],
            "",
            "",
        ],
        [
            "Offenlegungskontrolle",
            "davon zusätzlich Branche verallgemeinert",
            "",
            outcome.per_step[3],
            "",
            "",
        ],
        ["Offenlegungskontrolle", "Weggelassene Zeilen", "", outcome.suppressed, "", ""],
    ]
    return Coarsening(
        columns=coarse,
        sources=sources,
        levels=outcome.levels,
        released=released,
        answers=keys,
        notes=notes,
        generalising=generalising,
    )
