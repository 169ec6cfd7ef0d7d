"""A visitor of the public catalogue sees, on a measure's page, the published good-practice
examples that put the measure to use, and no draft."""

from django.test import TestCase
from django.urls import reverse

from ikokmu.roles import Role
from interviews import services
from tests.catalog.factories import MeasureFactory
from tests.factories import user_with_role
from tests.interviews import factories as f
from tests.interviews.test_study import TRANSCRIPT


class MeasurePageExamplesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        manager = user_with_role(Role.INTERVIEW_TEAM, username="leitung")
        study = f.study_with_team(manager=manager)
        case = f.company(study)
        interview = f.interview(case, transcript=TRANSCRIPT)
        cls.measure = MeasureFactory(title="Sprachpatenschaften im Betrieb")

        def example(title):
            return services.best_practice_save(
                example=services.BestPractice(
                    study=study,
                    title=title,
                    company=case,
                    challenge="Verständigung",
                    what_they_did="Paten",
                ),
                interviews=[interview],
                codes=[],
                fields_of_action=[],
                measures=[cls.measure],
            )

        services.best_practice_publish(example=example("Paten in der Montage"))
        example("Noch ein Entwurf")

    def test_the_measure_page_lists_published_examples_only(self):
        response = self.client.get(reverse("catalog:measure_detail", args=[self.measure.slug]))
        self.assertContains(response, "Good-Practice-Beispiele aus der Interviewstudie")
        self.assertContains(response, "Paten in der Montage")
        self.assertNotContains(response, "Noch ein Entwurf")
