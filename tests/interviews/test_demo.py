"""The demo data: one study for the demo interview team, built twice without duplicates."""

from django.test import TestCase

from ikokmu.roles import Role
from interviews import demo
from interviews.models import BestPractice, Interview, Segment, StudyMember
from tests.factories import user_with_role


class DemoData(TestCase):
    def test_seeding_twice_gives_one_study_with_coded_interviews_and_published_examples(self):
        user_with_role(Role.INTERVIEW_TEAM, username="interviewteam")
        first = demo.seed()
        second = demo.seed()
        self.assertEqual(first, second)
        self.assertEqual(Interview.objects.count(), 6)
        self.assertGreaterEqual(Segment.objects.count(), 80)
        self.assertEqual(BestPractice.objects.filter(status="published").count(), 3)
        self.assertEqual(StudyMember.objects.get(user__username="interviewteam").role, "manage")
        for segment in Segment.objects.select_related("interview"):
            self.assertEqual(
                segment.interview.transcript[segment.start : segment.end], segment.text
            )
        self.assertFalse(Interview.objects.filter(transcript__contains="GmbH").exists())
