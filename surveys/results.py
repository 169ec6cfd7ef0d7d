"""Reads of a round's results: counts, percentages, distributions, means and medians per
question, free texts, the needs profile by field of action, and the comparison of districts.

Everything is counted in SQL (GROUP BY, FILTER, percentile_cont) over the round's submitted
responses, optionally narrowed by the respondents' own answers to the version's breakdown
questions (sector, size), or for personalised rounds of versions without such questions to the
invited organisations of one WZ sector and/or size class. A page runs the same three queries
whatever the number of responses (see `round_results`).

Small groups: a set of fewer than MIN_GROUP responses is never shown, nor any question (or matrix
row) that fewer than MIN_GROUP of them answered, so no single KMU can be recognised in a
breakdown. Within what is shown, the cells follow ikokmu.disclosure (no cell below five: bins
merged from the ends, small choices pooled into "weitere" or shown as "< 5", means and medians
never an extreme answer), and the free texts of anonymous rounds reach district staff only once
released (surveys.disclosure). Percentages are of those who answered the question; a matrix
question counts as answered as often as its most answered row.
"""

import datetime
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.utils.translation import gettext as _

from catalog.models import FieldOfAction
from districts.models import District, Organization
from ikokmu import disclosure
from surveys import charts, tokens
from surveys.models import Question, SurveyRound
from surveys.queries import text_in, version_structure

MIN_GROUP = disclosure.MIN_CELL
NUMBER_BINS = 8
TEXTS_SHOWN = 50
MONTHS = [
    "Jan.",
    "Feb.",
    "März",
    "Apr.",
    "Mai",
    "Juni",
    "Juli",
    "Aug.",
    "Sep.",
    "Okt.",
    "Nov.",
    "Dez.",
]


@dataclass(frozen=True)
class AnswerFilter:
    """Respondents by their own answer to a breakdown question (Question.breakdown): the
    choice `choice`, or a number from `low` (inclusive) to below `high`."""

    kind: str  # Question.Breakdown: "sector" or "size"
    value: str  # as in the address: the choice's code or the size class
    label: str
    question: int
    choice: int | None = None
    low: int | None = None
    high: int | None = None


@dataclass(frozen=True)
class Filters:
    """The breakdown asked for: either by the respondents' own answers to the version's
    breakdown questions (`answers`), or, for a personalised round of a version without such
    questions, by the WZ 2008 section and size class of the invited organisation."""

    sector: str = ""
    size_class: str = ""
    answers: tuple[AnswerFilter, ...] = ()

    @classmethod
    def from_query(cls, params) -> "Filters":
        sector = params.get("branche", "")
        size_class = params.get("groesse", "")
        return cls(
            sector=sector if sector in Organization.Sector.values else "",
            size_class=size_class if size_class in Organization.SizeClass.values else "",
        )

    @property
    def active(self) -> bool:
        return bool(self.sector or self.size_class or self.answers)

    def describe(self) -> str:
        parts = [answer.label for answer in self.answers]
        if self.sector:
            parts.append(str(Organization.Sector(self.sector).label))
        if self.size_class:
            parts.append(str(Organization.SizeClass(self.size_class).label))
        return ", ".join(parts)

    def wider(self) -> list["Filters"]:
        """The selections this one narrows, the whole round included: each with one or more of
        its parts left out. Whoever sees both could subtract this one from them."""
        parts: list = list(self.answers)
        if self.sector:
            parts.append(("sector", self.sector))
        if self.size_class:
            parts.append(("size_class", self.size_class))
        wider = []
        for size in range(len(parts)):
            for kept in itertools.combinations(parts, size):
                named = dict(part for part in kept if isinstance(part, tuple))
                answers = tuple(part for part in kept if isinstance(part, AnswerFilter))
                wider.append(Filters(answers=answers, **named))
        return wider

    def selected(self, kind: str) -> str:
        """The value chosen in the address for "sector" or "size" ("" for all)."""
        for answer in self.answers:
            if answer.kind == kind:
                return answer.value
        return self.sector if kind == Question.Breakdown.SECTOR else self.size_class


NO_FILTERS = Filters()

# Size classes from a number of employees, as the districts app classifies organisations:
# (from, below). Below 10 is the smallest class, so 0 (the owner alone) counts there too.
SIZE_BOUNDS = {
    Organization.SizeClass.MICRO: (None, 10),
    Organization.SizeClass.SMALL: (10, 50),
    Organization.SizeClass.MEDIUM: (50, 250),
    Organization.SizeClass.LARGE: (250, None),
}


@dataclass
class Breakdown:
    """What a version's results can be broken down by: the options of its breakdown questions
    (empty lists when it has none). `sector_question` / `size_question`: the question texts."""

    sector: list[AnswerFilter] = field(default_factory=list)
    size: list[AnswerFilter] = field(default_factory=list)
    sector_question: str = ""
    size_question: str = ""

    def __bool__(self) -> bool:
        return bool(self.sector or self.size)

    def filters(self, params) -> Filters:
        """The options chosen in the address (branche=…, groesse=…); unknown values are
        ignored."""
        chosen = []
        for options, name in ((self.sector, "branche"), (self.size, "groesse")):
            value = params.get(name, "")
            chosen += [option for option in options if option.value == value][:1]
        return Filters(answers=tuple(chosen))


def breakdown_of(survey_round: SurveyRound) -> Breakdown:
    """The round's breakdown options, from the version's structure (cached, so no query once
    the structure is built; round_results reuses it)."""
    structure = version_structure(survey_round.version_id, version=survey_round.version)
    breakdown = Breakdown()
    for question in structure.questions:
        if question.breakdown == Question.Breakdown.SECTOR:
            breakdown.sector_question = text_in(question.text, "de")
            breakdown.sector = _choice_options(question)
        elif question.breakdown == Question.Breakdown.SIZE:
            breakdown.size_question = text_in(question.text, "de")
            if question.type == Question.Type.NUMBER:
                breakdown.size = [
                    AnswerFilter(
                        kind=Question.Breakdown.SIZE,
                        value=size_class.value,
                        label=str(size_class.label),
                        question=question.pk,
                        low=SIZE_BOUNDS[size_class][0],
                        high=SIZE_BOUNDS[size_class][1],
                    )
                    for size_class in Organization.SizeClass
                ]
            else:
                breakdown.size = _choice_options(question)
    return breakdown


def _choice_options(question: Question) -> list[AnswerFilter]:
    return [
        AnswerFilter(
            kind=question.breakdown,
            value=choice.code,
            label=text_in(choice.label, "de"),
            question=question.pk,
            choice=choice.pk,
        )
        for choice in question.choices_list
    ]


def _base_sql(filters: Filters) -> str:
    """The CTE `base(id)`: the round's submitted responses within the filters.

    Filters by answers: an EXISTS on the response's answer to the breakdown question (the
    unique index on response, question and item finds it), so anonymous rounds can be broken
    down too. Filters by organisation need the invitation's organisation, so they only ever
    narrow personalised rounds (the views offer them nowhere else)."""
    joins, conditions = "", ""
    if filters.sector or filters.size_class:
        joins = (
            " JOIN surveys_invitation i ON i.id = r.invitation_id"
            " JOIN districts_organization o ON o.id = i.organization_id"
        )
        if filters.sector:
            conditions += " AND o.sector = %(sector)s"
        if filters.size_class:
            conditions += " AND o.size_class = %(size_class)s"
    for n, answer in enumerate(filters.answers):
        test = f"fa{n}.question_id = %(answer_question_{n})s"
        if answer.choice is not None:
            test += f" AND fa{n}.choice_id = %(answer_choice_{n})s"
        if answer.low is not None:
            test += f" AND fa{n}.number >= %(answer_low_{n})s"
        if answer.high is not None:
            test += f" AND fa{n}.number < %(answer_high_{n})s"
        if answer.choice is None and answer.low is None and answer.high is None:
            test += f" AND fa{n}.number IS NOT NULL"
        conditions += (
            f" AND EXISTS (SELECT 1 FROM surveys_answer fa{n}"
            f" WHERE fa{n}.response_id = r.id AND {test})"
        )
    # Answer filters: the planner can't tell how many respondents gave the answer (a size class
    # of the number of employees looks rare among all answers' numbers), so an inlined `base`
    # is recomputed in every join; computed once, the page's three queries take half the time
    # (bench data, 20,000 responses: 250+ employees, 11,000 of them, 590 → 300 ms; Handwerk,
    # 5,400, 360 → 180 ms; measured side by side).
    materialized = "MATERIALIZED" if filters.answers else "NOT MATERIALIZED"
    return (
        f"base AS {materialized} (SELECT r.id FROM surveys_response r"
        f"{joins} WHERE r.round_id = %(round)s AND r.submitted_at IS NOT NULL{conditions})"
    )


def _params(survey_round: SurveyRound, filters: Filters, **extra) -> dict:
    answers = {}
    for n, answer in enumerate(filters.answers):
        answers[f"answer_question_{n}"] = answer.question
        answers[f"answer_choice_{n}"] = answer.choice
        answers[f"answer_low_{n}"] = answer.low
        answers[f"answer_high_{n}"] = answer.high
    return {
        "round": survey_round.pk,
        # Free texts are listed in an order of this secret, not by time: answer ids grow with
        # time, and the newest text beside the invitation that just completed names its writer.
        "order_key": tokens.round_secret("survey-text-order", survey_round.pk),
        "sector": filters.sector,
        "size_class": filters.size_class,
        **answers,
        **extra,
    }


_FACTS_SQL = """
WITH {base}
SELECT (SELECT count(*) FROM base),
       (SELECT count(*) FROM surveys_response
         WHERE round_id = %(round)s AND submitted_at IS NOT NULL),
       (SELECT count(*) FROM surveys_invitation WHERE round_id = %(round)s),
       (SELECT count(*) FROM surveys_invitation
         WHERE round_id = %(round)s AND sent_at IS NOT NULL AND withdrawn_at IS NULL),
       (SELECT count(*) FROM surveys_invitation WHERE round_id = %(round)s AND completed)
"""

# One pass over the answers: `freq` counts the answers per question, matrix row, choice, value
# and month (a few thousand rows however many responses), `ticks` the boxes ticked per choice;
# everything else is aggregated from these two. Rows share one shape:
# (kind, question, item, key, count, numbers, dont_know, mean, median, low, high, label).
_RESULTS_SQL = """
WITH {base},
freq AS MATERIALIZED (
    SELECT question_id, item_id, choice_id, number, dont_know, month, count(*) AS n
    FROM (
        SELECT a.question_id, a.item_id, a.choice_id, a.number, a.dont_know,
               (extract(year FROM a.date) * 100 + extract(month FROM a.date))::int AS month
        FROM surveys_answer a
        WHERE a.question_id = ANY(%(questions)s)
          AND a.response_id IN (SELECT id FROM base)
        OFFSET 0
    ) answers
    GROUP BY 1, 2, 3, 4, 5, 6
),
ticks AS MATERIALIZED (
    SELECT a.question_id, ac.choice_id, count(*) AS n
    FROM surveys_answerchoice ac
    JOIN surveys_answer a ON a.id = ac.answer_id
    JOIN base b ON b.id = a.response_id
    WHERE a.question_id = ANY(%(multiple)s)
    GROUP BY 1, 2
),
stats AS (
    SELECT question_id, item_id, sum(n) AS answered,
           coalesce(sum(n) FILTER (WHERE number IS NOT NULL), 0) AS numbers,
           coalesce(sum(n) FILTER (WHERE dont_know), 0) AS dont_know,
           sum(number * n) / nullif(sum(n) FILTER (WHERE number IS NOT NULL), 0) AS mean,
           min(number) AS low, max(number) AS high
    FROM freq GROUP BY 1, 2
),
-- Bins of number questions, once per question: a "round" width (1, 2 or 5 times a power of ten)
-- at least an eighth of the range, starting at a multiple of that width, so that no bound is the
-- smallest or largest answer (the district's largest employer is known by name). Materialised:
-- inlined into the join below, the log/power expressions ran once for every distinct number
-- answered (3,416 distinct headcounts: 2.4 s of a 4.7 s page).
widths AS MATERIALIZED (
    SELECT s.question_id, s.low, s.high, floor(floor(s.low) / w.step) * w.step AS base, w.step
    FROM stats s
    JOIN surveys_question q ON q.id = s.question_id AND q.type = 'number'
    LEFT JOIN LATERAL (
        SELECT CASE WHEN raw <= mag THEN mag WHEN raw <= 2 * mag THEN 2 * mag
                    WHEN raw <= 5 * mag THEN 5 * mag ELSE 10 * mag END AS step
        FROM (
            SELECT raw, power(10::numeric, floor(log(raw))) AS mag
            FROM (SELECT greatest(ceil((s.high - floor(s.low)) / {bins}), 1) AS raw) ranges
        ) magnitudes
        WHERE s.high - floor(s.low) >= 1
    ) w ON true
    WHERE s.item_id IS NULL AND s.low IS NOT NULL
),
-- The median as percentile_cont(0.5) computes it, from the counts of each value: the mean of
-- the values at the positions floor((N + 1) / 2) and ceil((N + 1) / 2).
values_upto AS (
    SELECT question_id, item_id, number, sum(n) AS n,
           sum(sum(n)) OVER (PARTITION BY question_id, item_id ORDER BY number) AS upto,
           sum(sum(n)) OVER (PARTITION BY question_id, item_id) AS total
    FROM freq WHERE number IS NOT NULL GROUP BY 1, 2, 3
),
medians AS (
    SELECT question_id, item_id,
           (min(number) FILTER (WHERE upto >= floor((total + 1) / 2.0)
                                  AND upto - n < floor((total + 1) / 2.0))
            + min(number) FILTER (WHERE upto >= ceil((total + 1) / 2.0)
                                    AND upto - n < ceil((total + 1) / 2.0))) / 2 AS median
    FROM values_upto GROUP BY 1, 2
),
scores AS (
    SELECT w.field_of_action_id AS field_id, w.weight * f.n AS score
    FROM freq f JOIN surveys_weight w ON w.choice_id = f.choice_id
  UNION ALL
    SELECT w.field_of_action_id, w.weight * t.n
    FROM ticks t JOIN surveys_weight w ON w.choice_id = t.choice_id
  UNION ALL
    SELECT w.field_of_action_id, w.weight * (f.number - 1) / (q.scale_points - 1) * f.n
    FROM freq f
    JOIN surveys_question q ON q.id = f.question_id
    JOIN surveys_weight w ON w.question_id = f.question_id
    WHERE f.item_id IS NULL AND f.number IS NOT NULL AND q.type = 'rating'
  UNION ALL
    SELECT w.field_of_action_id, w.weight * (f.number - 1) / (q.scale_points - 1) * f.n
    FROM freq f
    JOIN surveys_question q ON q.id = f.question_id
    JOIN surveys_weight w ON w.item_id = f.item_id
    WHERE f.number IS NOT NULL
)
SELECT 'stat', s.question_id, s.item_id, NULL::numeric, s.answered, s.numbers, s.dont_know,
       s.mean, m.median, s.low, s.high, NULL::text
  FROM stats s
  LEFT JOIN medians m ON m.question_id = s.question_id
                     AND m.item_id IS NOT DISTINCT FROM s.item_id
UNION ALL
SELECT 'choice', question_id, NULL, choice_id, sum(n), NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM freq WHERE choice_id IS NOT NULL GROUP BY question_id, choice_id
UNION ALL
SELECT 'choice', question_id, NULL, choice_id, n, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM ticks
UNION ALL
SELECT 'scale', f.question_id, f.item_id, f.number, sum(f.n),
       NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM freq f JOIN surveys_question q ON q.id = f.question_id
  WHERE q.type IN ('rating', 'matrix') AND f.number IS NOT NULL
  GROUP BY f.question_id, f.item_id, f.number
UNION ALL
SELECT 'bin', f.question_id, NULL,
       CASE WHEN w.high = w.low THEN 1
            -- round bins (see widths and _number_bins: 0–99, 100–199, …)
            WHEN w.step IS NOT NULL THEN floor((f.number - w.base) / w.step)::int + 1
            ELSE LEAST(width_bucket(f.number, w.low, w.high, {bins}), {bins}) END,
       sum(f.n), min(w.base), min(w.step), NULL, NULL, NULL, NULL, NULL
  FROM freq f
  JOIN widths w ON w.question_id = f.question_id
  WHERE f.number IS NOT NULL
  GROUP BY 2, 4
UNION ALL
SELECT 'month', question_id, NULL, month, sum(n), NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM freq WHERE month IS NOT NULL GROUP BY 2, 4
UNION ALL
SELECT 'field', NULL, NULL, s.field_id, NULL, NULL, NULL, sum(s.score), NULL, NULL,
       min(fa.position), min(fa.name)
  FROM scores s JOIN catalog_fieldofaction fa ON fa.id = s.field_id
  GROUP BY s.field_id HAVING sum(s.score) > 0
"""

# Free texts (text questions and "Sonstiges") in an order of the round's secret, the first few per
# question with the total; hidden ones, and for district staff those of anonymous rounds not yet
# released (surveys.disclosure), come back only as a count.
_TEXTS_SQL = """
WITH {base}
SELECT question_id, id, text, state, total, released FROM (
    SELECT a.question_id, a.id, a.text, t.state, rel.id IS NOT NULL AS released,
           row_number() OVER (PARTITION BY a.question_id, t.state
                              ORDER BY md5(%(order_key)s || a.id::text)) AS n,
           count(*) OVER (PARTITION BY a.question_id, t.state) AS total
    FROM surveys_answer a
    JOIN base b ON b.id = a.response_id
    LEFT JOIN surveys_hiddentext h ON h.answer_id = a.id
    LEFT JOIN surveys_textrelease rel ON rel.answer_id = a.id
    CROSS JOIN LATERAL (
        SELECT CASE WHEN h.id IS NOT NULL THEN 'hidden'
                    WHEN %(released_only)s AND rel.id IS NULL THEN 'waiting'
                    ELSE 'shown' END AS state
    ) t
    WHERE a.question_id = ANY(%(with_text)s) AND a.text <> ''
) t
WHERE n <= %(texts)s AND state = 'shown' OR n = 1 AND state <> 'shown'
ORDER BY question_id, n
"""

# The needs profile: the weights of the answers (see surveys.queries._PROFILE_SQL for one
# response), summed per group and field of action. `base` has (id, grp).
_PROFILE_SCORES = """
SELECT b.grp, w.field_of_action_id AS field_id, w.weight AS score
FROM surveys_answer a JOIN base b ON b.id = a.response_id
JOIN surveys_weight w ON w.choice_id = a.choice_id
UNION ALL
SELECT b.grp, w.field_of_action_id, w.weight
FROM surveys_answerchoice ac
JOIN surveys_answer a ON a.id = ac.answer_id
JOIN base b ON b.id = a.response_id
JOIN surveys_weight w ON w.choice_id = ac.choice_id
UNION ALL
SELECT b.grp, w.field_of_action_id, w.weight * (a.number - 1) / (q.scale_points - 1)
FROM surveys_answer a
JOIN base b ON b.id = a.response_id
JOIN surveys_question q ON q.id = a.question_id
JOIN surveys_weight w ON w.question_id = a.question_id
WHERE a.item_id IS NULL AND a.number IS NOT NULL AND q.type = 'rating'
UNION ALL
SELECT b.grp, w.field_of_action_id, w.weight * (a.number - 1) / (q.scale_points - 1)
FROM surveys_answer a
JOIN base b ON b.id = a.response_id
JOIN surveys_question q ON q.id = a.question_id
JOIN surveys_weight w ON w.item_id = a.item_id
WHERE a.number IS NOT NULL
"""

_PROFILE_SQL = """
WITH {base},
sizes AS (SELECT grp, count(*) AS responses FROM base GROUP BY grp)
SELECT s.grp, sz.responses, f.id, f.name, f.position, SUM(s.score) / sz.responses AS mean
FROM ({scores}) s
JOIN sizes sz ON sz.grp = s.grp
JOIN catalog_fieldofaction f ON f.id = s.field_id
GROUP BY s.grp, sz.responses, f.id, f.name, f.position
HAVING SUM(s.score) > 0
UNION ALL
SELECT grp, responses, NULL, NULL, NULL, NULL FROM sizes
ORDER BY 1, 6 DESC NULLS LAST, 5, 4
"""


def _fetch(sql: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# Results of a round ---------------------------------------------------------------------------


def _percent(count: int, of: int) -> float:
    return 100 * count / of if of else 0.0


def _number(value) -> str:
    """A figure as Germans write it: decimal comma, at most two decimals, no trailing zeros."""
    if value is None:
        return "–"
    text = f"{Decimal(value).quantize(Decimal('0.01')):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


@dataclass
class Row:
    label: str
    count: int
    percent: float
    code: str = ""
    masked: bool = False  # a small count, shown as "< 5" without its percent

    @property
    def shown_count(self) -> str:
        return disclosure.count_label(self.count) if self.masked else str(self.count)

    def chart(self) -> tuple:
        """(label, count, percent) for the charts: a masked row as "< 5" without a bar."""
        if self.masked:
            return (self.label, self.shown_count, 0.0)
        return (self.label, self.count, self.percent)


@dataclass
class Band:
    """A bin of a number or date question as the page shows it, with its bounds (from
    inclusive, below exclusive; None where open), so exports can put answers in the same bins."""

    label: str
    low: object = None
    high: object = None


@dataclass
class ItemResult:
    label: str
    code: str
    answered: int
    suppressed: bool
    dont_know: int = 0
    dont_know_shown: str = "0"
    mean: str = "–"
    median: str = "–"
    rows: list[Row] = field(default_factory=list)


@dataclass
class TextRow:
    answer_id: int
    text: str
    other: bool = False
    released: bool = False


@dataclass
class QuestionResult:
    question: Question
    text: str
    type_label: str
    answered: int
    suppressed: bool
    rows: list[Row] = field(default_factory=list)
    items: list[ItemResult] = field(default_factory=list)
    scale_legend: list[str] = field(default_factory=list)
    numbers: int = 0
    dont_know: int = 0
    mean: str = "–"
    median: str = "–"
    unit: str = ""
    texts: list[TextRow] = field(default_factory=list)
    text_total: int = 0
    hidden_total: int = 0
    waiting_total: int = 0  # texts of an anonymous round not yet released for district staff
    bands: list[Band] = field(default_factory=list)
    chart: str = ""

    @property
    def code(self) -> str:
        return self.question.code

    @property
    def dont_know_shown(self) -> str:
        return disclosure.count_label(self.dont_know)

    @property
    def is_text(self) -> bool:
        return self.question.type in (Question.Type.SHORT_TEXT, Question.Type.LONG_TEXT)

    @property
    def more_texts(self) -> int:
        return max(self.text_total - len(self.texts), 0)


@dataclass
class SectionResult:
    position: int
    title: str
    questions: list[QuestionResult]


@dataclass
class ProfileRow:
    field_id: int
    name: str
    mean: float
    share: int = 0  # percent of the strongest field, for the bars


@dataclass
class Profile:
    responses: int
    rows: list[ProfileRow] = field(default_factory=list)

    @property
    def suppressed(self) -> bool:
        return self.responses < MIN_GROUP

    def shares(self, top: float | None = None) -> None:
        top = top or max((r.mean for r in self.rows), default=0)
        for row in self.rows:
            row.share = int(round(100 * row.mean / top)) if top else 0


@dataclass
class RoundResults:
    round: SurveyRound
    filters: Filters
    total: int  # submitted responses within the filters
    submitted: int  # submitted responses of the whole round
    invited: int
    completed: int
    sections: list[SectionResult]
    profile: Profile
    profile_chart: str = ""
    sent: int = 0  # invitations sent and not withdrawn (as round_queries.response_rate)
    # A selection of nearly everyone: the few left out would show as the difference between
    # this selection and a wider one (the whole round, or one filter of two).
    rest_too_small: bool = False

    @property
    def suppressed(self) -> bool:
        return self.total < MIN_GROUP or self.rest_too_small

    @property
    def response_rate(self) -> float | None:
        # As the round page and the district list count it: completed per sent invitation.
        return _percent(self.completed, self.sent) if self.sent else None

    @property
    def questions(self) -> list[QuestionResult]:
        return [q for s in self.sections for q in s.questions]


def _scale_legend(question: Question) -> list[str]:
    points = question.scale_points or 5
    legend = [str(n) for n in range(1, points + 1)]
    if question.scale_low_label:
        legend[0] = f"1 {text_in(question.scale_low_label, 'de')}"
    if question.scale_high_label:
        legend[-1] = f"{points} {text_in(question.scale_high_label, 'de')}"
    if question.allow_dont_know:
        legend.append(_("weiß nicht"))
    return legend


def round_results(
    survey_round: SurveyRound,
    filters: Filters = NO_FILTERS,
    *,
    texts: int = TEXTS_SHOWN,
    released_only: bool = False,
) -> RoundResults:
    """The round's results within `filters`, ready for the page and the report: three queries
    (plus the version's structure, which answering pages keep cached). `released_only`: free
    texts not released by the team are only counted (district staff, anonymous rounds)."""
    structure = version_structure(survey_round.version_id, version=survey_round.version)
    base = _base_sql(filters)
    params = _params(
        survey_round,
        filters,
        texts=texts,
        released_only=released_only,
        questions=[q.pk for q in structure.questions],
        multiple=[q.pk for q in structure.questions if q.type == Question.Type.MULTIPLE_CHOICE],
        with_text=[
            q.pk
            for q in structure.questions
            if q.has_other or q.type in (Question.Type.SHORT_TEXT, Question.Type.LONG_TEXT)
        ],
    )
    total, submitted, invited, sent, completed = _fetch(_FACTS_SQL.format(base=base), params)[0]
    rest_too_small = (
        filters.active
        and total >= MIN_GROUP
        and any(
            0 < wider_total - total < MIN_GROUP
            for wider_total in _wider_totals(survey_round, filters, submitted)
        )
    )
    facts = {
        "round": survey_round,
        "filters": filters,
        "total": total,
        "submitted": submitted,
        "invited": invited,
        "sent": sent,
        "completed": completed,
    }
    if total < MIN_GROUP or rest_too_small:
        # Nothing of a suppressed selection is shown: no need to count it.
        return RoundResults(
            **facts, sections=[], profile=Profile(total), rest_too_small=rest_too_small
        )
    stats: dict[tuple, list] = {}
    counts: dict[tuple, dict] = {}
    fields: list[tuple] = []
    sql = _RESULTS_SQL.format(base=base, bins=NUMBER_BINS)
    for kind, question_id, item_id, key, count, *values, label in _fetch(sql, params):
        count = int(count or 0)  # sums of counts come back as numeric
        if kind == "stat":
            numbers, dont_know, mean, median, low, high = values
            stats[(question_id, item_id)] = [
                count,
                int(numbers),
                int(dont_know),
                mean,
                median,
                low,
                high,
            ]
            if item_id is not None:  # a matrix counts as answered as often as its top row
                whole = stats.setdefault((question_id, None), [0, 0, 0, None, None, None, None])
                whole[0] = max(whole[0], count)
        elif kind == "field":
            fields.append((int(key), label, values[2], values[4]))
        elif kind == "bin":
            counts.setdefault((kind, question_id, item_id), {})[int(key)] = count
            if values[1] is not None:
                counts[("binning", question_id, None)] = (values[0], values[1])
        else:
            counts.setdefault((kind, question_id, item_id), {})[int(key)] = count
    texts_by_question: dict[int, dict] = {}
    for question_id, answer_id, text, state, text_total, released in _fetch(
        _TEXTS_SQL.format(base=base), params
    ):
        found = texts_by_question.setdefault(
            question_id, {"shown": [], "shown_total": 0, "hidden": 0, "waiting": 0}
        )
        if state == "shown":
            found["shown"].append(TextRow(answer_id, text, released=released))
            found["shown_total"] = text_total
        else:
            found[state] = text_total
    profile = Profile(total)
    fields.sort(key=lambda f: (-f[2], f[3], f[1]))
    profile.rows = [
        ProfileRow(pk, name, float(score) / total if total else 0.0)
        for pk, name, score, _position in fields
    ]

    sections = []
    for section in structure.sections:
        results = [
            _question_result(question, stats, counts, texts_by_question)
            for question in section.questions_list
        ]
        sections.append(SectionResult(section.position, text_in(section.title, "de"), results))
    outcome = RoundResults(
        **facts,
        sections=sections,
        profile=profile,
    )
    profile.shares()
    outcome.profile_chart = charts.profile_chart(
        "profile",
        _("Bedarfsprofil nach Handlungsfeldern: durchschnittliche Punkte je Antwortbogen"),
        [(row.name, row.mean, row.share) for row in profile.rows],
    )
    return outcome


def _wider_totals(survey_round: SurveyRound, filters: Filters, submitted: int) -> list[int]:
    """Submitted responses in each selection wider than `filters` (one count query per
    selection narrower than the whole round: none for one filter, two for two)."""
    totals = []
    for wider in filters.wider():
        if not wider.active:
            totals.append(submitted)
            continue
        sql = f"WITH {_base_sql(wider)} SELECT count(*) FROM base"
        totals.append(_fetch(sql, _params(survey_round, wider))[0][0])
    return totals


def _question_result(question, stats, counts, texts_by_question) -> QuestionResult:
    T = Question.Type
    answered, numbers, dont_know, mean, median, low, high = stats.get(
        (question.pk, None), (0, 0, 0, None, None, None, None)
    )
    result = QuestionResult(
        question=question,
        text=text_in(question.text, "de"),
        type_label=str(T(question.type).label),
        answered=answered,
        suppressed=answered < MIN_GROUP,
        unit=text_in(question.unit, "de"),
    )
    if result.suppressed:
        return result
    found = texts_by_question.get(question.pk)
    if found:
        result.texts, result.text_total = found["shown"], found["shown_total"]
        result.hidden_total, result.waiting_total = found["hidden"], found["waiting"]
    title = result.text
    chart_id = f"chart-{question.code}"
    if question.type in (T.SINGLE_CHOICE, T.MULTIPLE_CHOICE, T.YES_NO):
        ticked = counts.get(("choice", question.pk, None), {})
        rows = [
            Row(text_in(c.label, "de"), ticked.get(c.pk, 0), 0.0, c.code)
            for c in question.choices_list
        ]
        if question.type == T.MULTIPLE_CHOICE:
            # Ticks overlap and add up to no total: a small one is shown as "< 5".
            for row in rows:
                row.masked = disclosure.is_small(row.count)
        else:
            rows = _pool_choices(rows)
        result.rows = rows
        for row in result.rows:
            row.percent = _percent(row.count, answered)
        for text in result.texts:
            text.other = True
        result.chart = charts.bar_chart(chart_id, title, [r.chart() for r in result.rows])
    elif question.type == T.RATING:
        result.numbers, result.dont_know = numbers, dont_know
        result.mean, result.median = _statistics(mean, median, numbers)
        values = counts.get(("scale", question.pk, None), {})
        result.scale_legend = _scale_legend(question)
        points = question.scale_points or 5
        result.rows = _merged_scale(
            result.scale_legend, [values.get(n, 0) for n in range(1, points + 1)]
        )
        if question.allow_dont_know:
            result.rows.append(
                Row(_("weiß nicht"), dont_know, 0.0, "dont_know", disclosure.is_small(dont_know))
            )
        for row in result.rows:
            row.percent = _percent(row.count, answered)
        result.chart = charts.distribution_chart(chart_id, title, [r.chart() for r in result.rows])
    elif question.type == T.MATRIX:
        _matrix_result(question, result, stats, counts, chart_id, title)
    elif question.type == T.NUMBER:
        result.numbers = numbers
        # Neither the smallest nor the largest answer is shown, nor a mean or median equal to it.
        result.mean, result.median = _statistics(mean, median, numbers, low, high)
        bins = counts.get(("bin", question.pk, None), {})
        binning = counts.get(("binning", question.pk, None))
        result.rows, result.bands = _number_bins(bins, low, high, answered, binning)
        result.chart = charts.distribution_chart(chart_id, title, [r.chart() for r in result.rows])
    elif question.type == T.DATE:
        months = counts.get(("month", question.pk, None), {})
        result.rows, result.bands = _date_bins(months, answered)
        result.chart = charts.distribution_chart(chart_id, title, [r.chart() for r in result.rows])
    return result


def _statistics(mean, median, numbers, low=None, high=None) -> tuple[str, str]:
    """The mean and median as shown: "–" where disclosure control withholds them."""
    shown = []
    for value in (mean, median):
        ok = disclosure.statistic_shown(value, answered=numbers, low=low, high=high)
        shown.append(_number(value) if ok else "–")
    return shown[0], shown[1]


def _pool_choices(rows: list[Row]) -> list[Row]:
    """Choices that add up to the whole (single choice, yes/no): small ones pooled into
    "weitere" (with their names), so none shown counts fewer than five."""
    pooled = disclosure.pool_small([row.count for row in rows])
    if not pooled.pooled:
        return rows
    names = ", ".join(rows[i].label for i in pooled.pooled)
    kept = [row for i, row in enumerate(rows) if i in pooled.shown and row.count]
    if not kept:
        # Everyone in the pool: the split itself would give the small group away.
        label = _("alle Antworten (%(names)s; Aufteilung zum Schutz der Befragten nicht gezeigt)")
    else:
        label = _("weitere (%(names)s)")
    label = label % {"names": names}
    return [*kept, Row(label, pooled.pooled_count, 0.0, "weitere")]


def _merged_scale(legend: list[str], counts: list[int]) -> list[Row]:
    """The points of a scale, neighbouring small ones merged ("1–2")."""
    rows = []
    for group in disclosure.merge_ordered(counts):
        if group.first == group.last:
            label = legend[group.first]
        else:
            label = f"{group.first + 1}–{group.last + 1}"
        rows.append(Row(label, group.count, 0.0, str(group.first + 1)))
    return rows


def _matrix_result(question, result, stats, counts, chart_id, title) -> None:
    """Rows of a matrix question: one legend for all rows, neighbouring scale points merged
    while any row has a small cell; "weiß nicht" drawn only where no row has a small count."""
    legend = _scale_legend(question)
    points = question.scale_points or 5
    shown_items = []
    for item in question.items_list:
        item_answered, _n, item_dont_know, item_mean, item_median, _lo, _hi = stats.get(
            (question.pk, item.pk), (0, 0, 0, None, None, None, None)
        )
        item_result = ItemResult(
            label=text_in(item.label, "de"),
            code=item.code,
            answered=item_answered,
            suppressed=item_answered < MIN_GROUP,
        )
        result.items.append(item_result)
        if item_result.suppressed:
            continue
        item_result.dont_know = item_dont_know
        item_result.mean, item_result.median = _statistics(
            item_mean, item_median, item_answered - item_dont_know
        )
        values = counts.get(("scale", question.pk, item.pk), {})
        shown_items.append((item_result, [values.get(n, 0) for n in range(1, points + 1)]))
    if not shown_items:
        return
    columns = disclosure.merge_columns([cells for _item, cells in shown_items])
    result.scale_legend = [
        legend[first] if first == last else f"{first + 1}–{last + 1}" for first, last in columns
    ]
    with_dont_know = question.allow_dont_know and not any(
        disclosure.is_small(item.dont_know) for item, _cells in shown_items
    )
    if with_dont_know:
        result.scale_legend.append(_("weiß nicht"))
    chart_rows = []
    for item_result, cells in shown_items:
        # Without the "weiß nicht" column, the shares are of the scale answers alone, so the
        # bar does not give the small count away as what is missing to 100 %.
        of = item_result.answered if with_dont_know else sum(cells)
        item_result.rows = [
            Row(
                result.scale_legend[index],
                sum(cells[first : last + 1]),
                _percent(sum(cells[first : last + 1]), of),
            )
            for index, (first, last) in enumerate(columns)
        ]
        if with_dont_know:
            item_result.rows.append(
                Row(
                    _("weiß nicht"),
                    item_result.dont_know,
                    _percent(item_result.dont_know, of),
                    "dont_know",
                )
            )
        item_result.dont_know_shown = disclosure.count_label(item_result.dont_know)
        chart_rows.append((item_result.label, [r.percent for r in item_result.rows]))
    result.chart = charts.stacked_chart(
        chart_id, title, result.scale_legend, chart_rows, dont_know=with_dont_know
    )


def _number_bins(
    bins: dict[int, int], low, high, answered, binning=None
) -> tuple[list[Row], list[Band]]:
    """Rows (and their bounds) for the bins the SQL counted, merged by disclosure control.

    Where the answers span at least one whole number: bins of the round width `binning` =
    (base, step) the SQL chose, labelled as people read them ("0–99", "100–199"; one number where
    the width is 1), from the bin of the lowest to the bin of the highest answer. Otherwise eight
    equal bins between the lowest and the highest answer, the first and last open ("bis …",
    "ab …"). Then the bins are merged from the ends until each end holds five answers ("bis 99",
    "≥ 300": the largest employer disappears in the top bin), and small bins between with their
    neighbours. A single value answered by everyone is shown as it is: it identifies nobody among
    at least five."""
    if low is None:
        return [], []
    total = sum(bins.values())
    if total < MIN_GROUP:
        return [], []
    if low == high:
        return [Row(_number(low), total, _percent(total, answered))], [Band(_number(low))]
    low, high = Decimal(low), Decimal(high)
    labels, bounds = [], []
    if binning is not None:
        base, step = Decimal(binning[0]), Decimal(binning[1])
        for index in range(1, max(bins, default=1) + 1):
            start = base + step * (index - 1)
            end = start + step - 1
            labels.append((_number(start), _number(end)))
            bounds.append((start, start + step))
        formats = {"low": _("bis %(last)s"), "high": _("≥ %(first)s"), "span": "%(first)s–%(last)s"}
    else:
        width = (high - low) / NUMBER_BINS
        for index in range(1, NUMBER_BINS + 1):
            start, end = low + width * (index - 1), low + width * index
            labels.append((_number(start), _number(end)))
            bounds.append((start, end))
        # The first and last bin are open whatever the merging (below): their outer bounds would
        # be the smallest and the largest answer.
        formats = {
            "low": _("bis %(last)s"),
            "high": _("ab %(first)s"),
            "span": "%(first)s–%(last)s",
        }
    counts = [bins.get(index, 0) for index in range(1, len(labels) + 1)]
    rows, bands = [], []
    for group in disclosure.merge_ordered(counts):
        open_low = group.open_low or (binning is None and group.first == 0)
        open_high = group.open_high or (binning is None and group.last == len(labels) - 1)
        shape = disclosure.Group(group.first, group.last, group.count, open_low, open_high)
        if open_low and open_high:
            label = _("alle")
        else:
            label = disclosure.label_group(shape, labels, **formats)
        rows.append(Row(label, group.count, _percent(group.count, answered)))
        bands.append(
            Band(
                label,
                None if open_low else bounds[group.first][0],
                None if open_high else bounds[group.last][1],
            )
        )
    return rows, bands


def _date_bins(months: dict[int, int], answered) -> tuple[list[Row], list[Band]]:
    """Rows for a date question's answers: by month where they span at most 24 months, by year
    up to 15 years, else by decade (every period between the first and the last, empty ones
    too), merged from the ends like number bins ("bis 1969", "ab 2020"). By span, not by the
    number of different months: thirteen answers from 1921 to 2009 are not thirteen months."""
    total = sum(months.values())
    if total < MIN_GROUP:
        return [], []
    counts: dict[int, int] = {}  # months since year 0
    for key, count in months.items():
        counts[key // 100 * 12 + key % 100 - 1] = count
    first, last = min(counts), max(counts)
    cells: dict[tuple, int] = {}
    if last - first < 24:
        for index in range(first, last + 1):
            year, month = divmod(index, 12)
            after_year, after_month = divmod(index + 1, 12)
            after = datetime.date(after_year, after_month + 1, 1)
            name = f"{MONTHS[month]} {year}"
            cells[(datetime.date(year, month + 1, 1), after, name, name)] = counts.get(index, 0)
    else:
        width = 1 if last // 12 - first // 12 < 15 else 10
        for index, count in counts.items():
            start = index // 12 // width * width
            key = (
                datetime.date(start, 1, 1),
                datetime.date(start + width, 1, 1),
                str(start),
                str(start + width - 1),
            )
            cells[key] = cells.get(key, 0) + count
        starts = [key[0].year for key in cells]
        if (max(starts) - min(starts)) // width < 40:  # the empty periods between, too
            for start in range(min(starts), max(starts) + 1, width):
                key = (
                    datetime.date(start, 1, 1),
                    datetime.date(start + width, 1, 1),
                    str(start),
                    str(start + width - 1),
                )
                cells.setdefault(key, 0)
    ordered = sorted(cells.items())
    labels = [(key[2], key[3]) for key, _count in ordered]
    rows, bands = [], []
    for group in disclosure.merge_ordered([count for _key, count in ordered]):
        label = disclosure.label_group(
            group, labels, low=_("bis %(last)s"), high=_("ab %(first)s"), span="%(first)s–%(last)s"
        )
        rows.append(Row(label, group.count, _percent(group.count, answered)))
        bands.append(
            Band(
                label,
                None if group.open_low else ordered[group.first][0][0],
                None if group.open_high else ordered[group.last][0][1],
            )
        )
    return rows, bands


# Needs profile --------------------------------------------------------------------------------


def _profile_base(base: str) -> str:
    return base.replace("(SELECT r.id FROM", "(SELECT r.id, 0 AS grp FROM", 1)


def _profile(base: str, params: dict) -> dict[int, Profile]:
    """Mean score per response and field of action, per group of `base(id, grp)`."""
    profiles: dict[int, Profile] = {}
    sql = _PROFILE_SQL.format(base=base, scores=_PROFILE_SCORES)
    for grp, responses, field_id, name, _position, mean in _fetch(sql, params):
        profile = profiles.setdefault(grp, Profile(responses))
        if field_id is not None:
            profile.rows.append(ProfileRow(field_id, name, float(mean)))
    return profiles


def strongest_fields(survey_round: SurveyRound, count: int) -> list[FieldOfAction]:
    """The fields of action of the round's strongest needs (all its submitted responses)."""
    base = _profile_base(_base_sql(Filters()))
    profile = _profile(base, _params(survey_round, Filters())).get(0)
    if profile is None or profile.suppressed:
        return []
    chosen = [row.field_id for row in profile.rows[:count]]
    fields = FieldOfAction.objects.in_bulk(chosen)
    return [fields[pk] for pk in chosen]


# Comparison of districts ----------------------------------------------------------------------

_DISTRICT_BASE = """base AS (
    SELECT r.id, sr.district_id AS grp
    FROM surveys_response r JOIN surveys_surveyround sr ON sr.id = r.round_id
    WHERE r.submitted_at IS NOT NULL
)"""


@dataclass
class DistrictProfile:
    district: District
    profile: Profile
    chart: str = ""


@dataclass
class Comparison:
    districts: list[DistrictProfile]  # every district with responses, or only the user's own
    fields: list[tuple[int, str]]  # the fields of action in the profiles, strongest first
    average: Profile | None  # mean of the districts' profiles (None if too few districts)
    contributing: int  # districts with at least MIN_GROUP responses

    def table(self) -> list[tuple[DistrictProfile, list[float | None]]]:
        rows = []
        for entry in self.districts:
            means = {r.field_id: r.mean for r in entry.profile.rows}
            rows.append(
                (
                    entry,
                    [
                        None if entry.profile.suppressed else means.get(pk, 0.0)
                        for pk, _name in self.fields
                    ],
                )
            )
        return rows


MIN_DISTRICTS_FOR_AVERAGE = 3


def district_comparison(*, own: list[District] | None = None) -> Comparison:
    """Needs profiles of the districts from all their submitted responses (two queries).

    `own` given (district staff): only those districts are returned by name, each against the
    average of all districts. The average is the mean of the districts' profiles with at least
    MIN_GROUP responses, and is shown only when at least MIN_DISTRICTS_FOR_AVERAGE districts
    make it up, so that no other single district's profile can be worked out from it."""
    profiles = _profile(_DISTRICT_BASE, {})
    contributing = {pk: p for pk, p in profiles.items() if not p.suppressed}
    average = None
    enough = len(contributing) >= MIN_DISTRICTS_FOR_AVERAGE
    if own is not None:
        # Staff of several districts see each of them by name and could subtract them from the
        # average: at least two districts they do not see must remain in it.
        unseen = set(contributing) - {district.pk for district in own}
        enough = enough and len(unseen) >= MIN_DISTRICTS_FOR_AVERAGE - 1
    if enough:
        sums: dict[int, list] = {}
        for profile in contributing.values():
            for row in profile.rows:
                sums.setdefault(row.field_id, [row.name, 0.0])[1] += row.mean
        average = Profile(sum(p.responses for p in contributing.values()))
        average.rows = sorted(
            (ProfileRow(pk, name, total / len(contributing)) for pk, (name, total) in sums.items()),
            key=lambda r: -r.mean,
        )
    wanted = [d.pk for d in own] if own is not None else list(profiles)
    districts = District.objects.in_bulk(wanted)
    entries = [
        DistrictProfile(districts[pk], profiles.get(pk, Profile(0)))
        for pk in wanted
        if pk in districts
    ]
    entries.sort(key=lambda e: e.district.name)
    order: dict[int, list] = {}
    for entry in entries:
        for row in entry.profile.rows:
            order.setdefault(row.field_id, [row.name, 0.0])[1] += row.mean
    if average is not None:
        for row in average.rows:
            order.setdefault(row.field_id, [row.name, 0.0])
    fields = [
        (pk, name) for pk, (name, _t) in sorted(order.items(), key=lambda kv: (-kv[1][1], kv[1][0]))
    ]
    top = max(
        [r.mean for e in entries if not e.profile.suppressed for r in e.profile.rows]
        + [r.mean for r in (average.rows if average else [])],
        default=0,
    )
    for entry in entries:
        if entry.profile.suppressed:
            continue
        entry.profile.shares(top)
        if own is not None and average is not None:
            means = {r.field_id: r for r in entry.profile.rows}
            average.shares(top)
            averages = {r.field_id: r for r in average.rows}
            rows = []
            for pk, name in fields:
                mine, theirs = means.get(pk), averages.get(pk)
                rows.append(
                    (
                        name,
                        mine.mean if mine else 0.0,
                        mine.share if mine else 0,
                        theirs.mean if theirs else 0.0,
                        theirs.share if theirs else 0,
                    )
                )
            entry.chart = charts.profile_chart(
                f"profile-{entry.district.pk}",
                _("Bedarfsprofil %(district)s im Vergleich zum Durchschnitt aller Landkreise")
                % {"district": entry.district.name},
                rows,
                own_label=entry.district.name,
                compare_label=_("Durchschnitt aller Landkreise"),
            )
        else:
            entry.chart = charts.profile_chart(
                f"profile-{entry.district.pk}",
                _("Bedarfsprofil %(district)s") % {"district": entry.district.name},
                [(r.name, r.mean, r.share) for r in entry.profile.rows],
            )
    return Comparison(
        districts=entries, fields=fields, average=average, contributing=len(contributing)
    )


def month_label(value: datetime.date) -> str:
    return f"{MONTHS[value.month - 1]} {value.year}"


def rounds_visible_to(user):
    """Rounds of the districts the user may see (all for the team, their own for staff)."""
    from districts.queries import districts_visible_to

    return SurveyRound.objects.filter(district__in=districts_visible_to(user))
