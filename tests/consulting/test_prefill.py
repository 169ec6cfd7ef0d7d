"""An adviser starts the needs assessment from the organisation's answers in a personalised
survey round."""

import datetime
from decimal import Decimal

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from catalog.models import FieldOfAction
from consulting import services
from consulting.models import NeedsAssessment, NeedsRating
from ikokmu.roles import Role
from surveys import services as survey_services
from surveys.models import Answer, AnswerChoice, Choice, Response, SurveyRound
from tests.factories import DistrictFactory, OrganizationFactory, user_with_role
from tests.surveys.helpers import demo_version


def submitted_response(version, organization, *, anonymity, answers, submitted=True):
    """A response of `organization` through its invitation, with answers by question code
    (a choice code, a set of codes, a number, or matrix rows {item code: point})."""
    now = timezone.now()
    survey_round, _open = survey_services.round_create(
        district=organization.district,
        version=version,
        title=f"Befragung ({anonymity})",
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now + datetime.timedelta(days=10),
        anonymity=anonymity,
    )
    invitation, _token = survey_services.invitation_create(
        survey_round=survey_round, organization=organization, email=organization.email
    )
    response = Response.objects.create(
        round=survey_round, invitation=invitation, consent_at=now, language="de"
    )
    questions = {q.code: q for q in version.questions.all()}
    for code, value in answers.items():
        question = questions[code]
        answer = Answer(response=response, question=question)
        if isinstance(value, dict):
            for item in question.items.filter(code__in=value):
                point = value[item.code]
                Answer.objects.create(
                    response=response,
                    question=question,
                    item=item,
                    number=None if point == "dont_know" else Decimal(point),
                    dont_know=point == "dont_know",
                )
            continue
        if isinstance(value, set):
            answer.save()
            for choice in Choice.objects.filter(question=question, code__in=value):
                AnswerChoice.objects.create(answer=answer, choice=choice)
            continue
        if isinstance(value, str):
            answer.choice = Choice.objects.get(question=question, code=value)
        else:
            answer.number = Decimal(value)
        answer.save()
    if submitted:
        Response.objects.filter(pk=response.pk).update(submitted_at=now)
    return response


ANSWERS = {
    "q02_beschaeftigte": 12,
    "q04_international": "nein",  # hides the section on onboarding and language
    "q06_offene_stellen": "ja",
    "q08_bedeutung": 5,
    "q17_wohnen": 1,
    "q19_kooperation": "nie",
    "q20_information": "teils",
    "q21_themen": {"personalgewinnung"},
}


class PrefillTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()
        cls.adviser = user_with_role(Role.PROJECT_TEAM, username="beraterin")
        district = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
        cls.organization = OrganizationFactory(
            district=district, name="Bergblick Hotel Tegernsee", email="info@bergblick.test"
        )
        cls.case = services.case_create(
            organization=cls.organization,
            title="Fachkräfte gewinnen",
            advisers=[cls.adviser],
            start_date=datetime.date(2026, 11, 2),
            user=cls.adviser,
        )
        cls.fields = {f.slug: f.pk for f in FieldOfAction.objects.all()}
        cls.url = reverse("consulting:needs_assessment", args=[cls.case.pk])

    def setUp(self):
        self.client.force_login(self.adviser)

    def answer(self, anonymity=SurveyRound.Anonymity.PERSONALISED, **kwargs):
        return submitted_response(
            self.version, self.organization, anonymity=anonymity, answers=ANSWERS, **kwargs
        )

    def test_the_assessment_offers_the_answers_of_a_personalised_round(self):
        self.answer()
        page = self.client.get(self.url)
        self.assertContains(page, "aus der Befragung übernehmen")
        self.assertContains(page, "?aus_befragung=1")
        self.assertContains(page, "Befragung (personalised)")

    def test_taking_them_over_fills_the_ratings_from_the_needs_profile(self):
        self.answer()
        page = self.client.get(self.url, {"aus_befragung": "1"})
        self.assertContains(page, "aus der Befragung „Befragung (personalised)“")
        initial = page.context["form"].initial

        def rating(slug):
            pk = self.fields[slug]
            return initial.get(f"current_{pk}"), initial.get(f"importance_{pk}")

        # Every point the answers could give: a full need reads current state 1, importance 5.
        self.assertEqual(rating("personalgewinnung"), (1, 5))
        self.assertEqual(rating("netzwerke"), (1, 5))
        # A third of the reachable score: one step of need.
        self.assertEqual(rating("standortmarketing"), (3, 4))
        # Asked, but no need shown: the neutral middle.
        self.assertEqual(rating("willkommenskultur"), (3, 3))
        # Only asked in the hidden section: the survey says nothing, the field stays empty.
        self.assertEqual(rating("personalentwicklung"), (None, None))
        self.assertFalse(NeedsAssessment.objects.exists())

    def test_the_adviser_saves_the_taken_over_ratings(self):
        self.answer()
        page = self.client.get(self.url, {"aus_befragung": "1"})
        form = page.context["form"]
        data = {name: form.initial.get(name, "") or "" for name in form.fields}
        data["assessed_on"] = "16.11.2026"
        saved = self.client.post(self.url, data)
        self.assertEqual(saved.status_code, 302)
        stored = NeedsRating.objects.get(field_of_action_id=self.fields["personalgewinnung"])
        self.assertEqual((stored.current_state, stored.importance), (1, 5))
        self.assertFalse(
            NeedsRating.objects.filter(field_of_action_id=self.fields["personalentwicklung"])
        )

    def test_taking_over_keeps_the_saved_ratings_the_survey_says_nothing_about(self):
        services.needs_assessment_save(
            case=self.case,
            assessed_on=datetime.date(2026, 11, 10),
            participants="",
            findings="Erstes Gespräch",
            ratings={
                FieldOfAction.objects.get(slug="personalentwicklung"): (2, 4),
                FieldOfAction.objects.get(slug="personalgewinnung"): (4, 4),
            },
        )
        self.answer()
        initial = self.client.get(self.url, {"aus_befragung": "1"}).context["form"].initial
        development, recruiting = (
            self.fields["personalentwicklung"],
            self.fields["personalgewinnung"],
        )
        self.assertEqual(
            (initial[f"current_{development}"], initial[f"importance_{development}"]), (2, 4)
        )
        self.assertEqual(
            (initial[f"current_{recruiting}"], initial[f"importance_{recruiting}"]), (1, 5)
        )
        self.assertEqual(initial["findings"], "Erstes Gespräch")

    def test_an_anonymous_round_is_never_offered_even_with_an_invitation_link(self):
        self.answer(anonymity=SurveyRound.Anonymity.ANONYMOUS)
        page = self.client.get(self.url, {"aus_befragung": "1"})
        self.assertNotContains(page, "aus der Befragung")
        self.assertFalse(page.context["prefilled"])

    def test_a_response_not_yet_submitted_is_not_offered(self):
        self.answer(submitted=False)
        page = self.client.get(self.url)
        self.assertNotContains(page, "aus der Befragung übernehmen")

    def test_another_organisations_response_is_not_offered(self):
        other = OrganizationFactory(district=self.organization.district, email="info@other.test")
        submitted_response(
            self.version,
            other,
            anonymity=SurveyRound.Anonymity.PERSONALISED,
            answers=ANSWERS,
        )
        page = self.client.get(self.url)
        self.assertNotContains(page, "aus der Befragung übernehmen")

    def test_matrix_rows_count_and_dont_know_says_nothing(self):
        answers = {
            **ANSWERS,
            "q04_international": "ja",
            "q11_bedarf": {"fuehrung": 5, "einarbeitung": 3, "deutsch": "dont_know"},
        }
        submitted_response(
            self.version,
            self.organization,
            anonymity=SurveyRound.Anonymity.PERSONALISED,
            answers=answers,
        )
        initial = self.client.get(self.url, {"aus_befragung": "1"}).context["form"].initial

        def rating(slug):
            pk = self.fields[slug]
            return initial.get(f"current_{pk}"), initial.get(f"importance_{pk}")

        self.assertEqual(rating("personalentwicklung"), (1, 5))
        # Half of the row's weight out of the row plus the topic not chosen: a quarter.
        self.assertEqual(rating("onboarding"), (3, 4))
        # "weiß nicht" on German support counts for nothing, the topic question remains.
        self.assertEqual(rating("sprache"), (3, 3))
