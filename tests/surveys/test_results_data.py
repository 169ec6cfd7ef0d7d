"""A known small data set for the results, export and report tests: submitted responses to the
demo questionnaire written straight into the answer tables (no test here)."""

import datetime
import secrets
from decimal import Decimal

from django.utils import timezone

from surveys import services
from surveys.models import Answer, AnswerChoice, Question, Response, SurveyRound
from tests.factories import OrganizationFactory
from tests.surveys.helpers import open_round

# Five respondents. Expected figures are spelt out in the tests.
KNOWN = [
    {
        "q01_branche": "handwerk",
        "q02_beschaeftigte": 10,
        "q03_gruendung": datetime.date(1998, 4, 1),
        "q04_international": "ja",
        "q07_wege": ["anzeigen", "agentur"],
        "q08_bedeutung": 5,
        "q11_bedarf": {"deutsch": 5, "einarbeitung": 4},
        "q21_themen": ["sprache", "onboarding"],
        "q25_anmerkungen": "Mehr Sprachkurse vor Ort",
    },
    {
        "q01_branche": "handwerk",
        "q02_beschaeftigte": 20,
        "q03_gruendung": datetime.date(1998, 4, 20),
        "q04_international": "ja",
        "q07_wege": ["anzeigen"],
        "q08_bedeutung": 4,
        "q11_bedarf": {"deutsch": 5, "einarbeitung": 2},
        "q21_themen": ["sprache"],
        "q25_anmerkungen": "Unangemessener Kommentar",
    },
    {
        "q01_branche": "handwerk",
        "q02_beschaeftigte": 30,
        "q03_gruendung": datetime.date(2005, 1, 1),
        "q04_international": "ja",
        "q07_wege": ["social"],
        "q08_bedeutung": 4,
        "q11_bedarf": {"deutsch": 4, "einarbeitung": 3},
        "q21_themen": ["anerkennung"],
        "q25_anmerkungen": "Wohnraum fehlt",
    },
    {
        "q01_branche": "handel",
        "q02_beschaeftigte": 40,
        "q03_gruendung": datetime.date(2010, 6, 1),
        "q04_international": "nein",
        "q07_wege": (["anzeigen", "other"], "Messe"),
        "q08_bedeutung": 2,
        "q11_bedarf": {"deutsch": 3},
        "q21_themen": ["sprache"],
        "q25_anmerkungen": "Gute Zusammenarbeit",
    },
    {
        "q01_branche": ("other", "Bäckerei"),
        "q02_beschaeftigte": Decimal("100.5"),
        "q03_gruendung": datetime.date(2010, 6, 30),
        "q07_wege": ["agentur"],
        "q08_bedeutung": "dont_know",
        "q11_bedarf": {"deutsch": "dont_know"},
        "q21_themen": ["kultur"],
        "q25_anmerkungen": "Mehr Beratung",
    },
]


def _questions(version) -> dict[str, Question]:
    cached = getattr(version, "_by_code", None)
    if cached is None:
        cached = {q.code: q for q in version.questions.prefetch_related("choices", "items").all()}
        version._by_code = cached
    return cached


def add_response(survey_round: SurveyRound, answers: dict, *, organization=None, submitted=True):
    """One response with `answers` by question code (choice codes, numbers, "dont_know", dates,
    texts; ("other", "text") for "Sonstiges"); personalised rounds link it to an invitation of
    `organization`."""
    questions = _questions(survey_round.version)
    invitation = None
    if organization is not None or survey_round.anonymity == SurveyRound.Anonymity.PERSONALISED:
        invitation, _token = services.invitation_create(
            survey_round=survey_round,
            organization=organization,
            email=f"{secrets.token_hex(6)}@example.test",
            started=True,
            completed=submitted,
        )
    personalised = survey_round.anonymity == SurveyRound.Anonymity.PERSONALISED
    response = Response.objects.create(
        round=survey_round,
        invitation=invitation if personalised else None,
        resume_token_hash=None if personalised else secrets.token_hex(32),
        consent_at=timezone.now(),
    )
    for code, value in answers.items():
        question = questions[code]
        choices = {c.code: c for c in question.choices.all()}
        T = Question.Type
        if question.type == T.MATRIX:
            items = {i.code: i for i in question.items.all()}
            for item, number in value.items():
                dont_know = number == "dont_know"
                Answer.objects.create(
                    response=response,
                    question=question,
                    item=items[item],
                    number=None if dont_know else number,
                    dont_know=dont_know,
                )
            continue
        answer = Answer(response=response, question=question)
        ticked = []
        if question.type in (T.SINGLE_CHOICE, T.YES_NO):
            code_, other = value if isinstance(value, tuple) else (value, "")
            answer.choice, answer.text = choices[code_], other
        elif question.type == T.MULTIPLE_CHOICE:
            codes, other = value if isinstance(value, tuple) else (value, "")
            ticked, answer.text = [choices[c] for c in codes], other
        elif question.type == T.RATING:
            answer.dont_know = value == "dont_know"
            answer.number = None if answer.dont_know else value
        elif question.type == T.NUMBER:
            answer.number = value
        elif question.type == T.DATE:
            answer.date = value
        else:
            answer.text = value
        answer.save()
        AnswerChoice.objects.bulk_create(AnswerChoice(answer=answer, choice=c) for c in ticked)
    if submitted:
        Response.objects.filter(pk=response.pk).update(submitted_at=timezone.now())
    return response


def known_round(
    version, district=None, *, anonymity=SurveyRound.Anonymity.ANONYMOUS, count=5, copies=1
):
    """A round with the first `count` responses of KNOWN (count up to 5), submitted, each
    `copies` times (five copies: every figure times five, so no cell is below five and the
    disclosure rules leave the counts as they are)."""
    survey_round, _token = open_round(version, district=district)
    if anonymity != survey_round.anonymity:
        SurveyRound.objects.filter(pk=survey_round.pk).update(anonymity=anonymity)
        survey_round.refresh_from_db()
    district = survey_round.district
    for answers in [answers for answers in KNOWN[:count] for _copy in range(copies)]:
        organization = None
        if anonymity == SurveyRound.Anonymity.PERSONALISED:
            organization = OrganizationFactory(district=district)
        add_response(survey_round, answers, organization=organization)
    return survey_round
