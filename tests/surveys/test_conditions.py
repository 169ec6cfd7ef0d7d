"""The rules of conditions: equals, one of, contains, greater and less, on each kind of answer."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.test import SimpleTestCase

from surveys.queries import condition_holds


def rule(operator, *values, source="q"):
    return SimpleNamespace(
        source=SimpleNamespace(code=source), operator=operator, values=list(values)
    )


class ConditionRuleTests(SimpleTestCase):
    def test_single_choice(self):
        answers = {"q": "ja"}
        self.assertTrue(condition_holds(rule("equals", "ja"), answers))
        self.assertFalse(condition_holds(rule("equals", "nein"), answers))
        self.assertTrue(condition_holds(rule("one_of", "nein", "ja"), answers))

    def test_multiple_choice(self):
        answers = {"q": {"a", "b"}}
        self.assertTrue(condition_holds(rule("contains", "a"), answers))
        self.assertFalse(condition_holds(rule("contains", "c"), answers))
        self.assertTrue(condition_holds(rule("one_of", "c", "b"), answers))
        self.assertTrue(condition_holds(rule("equals", "b", "a"), answers))
        self.assertFalse(condition_holds(rule("equals", "a"), answers))

    def test_numbers_and_ratings(self):
        answers = {"q": Decimal("12.5")}
        self.assertTrue(condition_holds(rule("greater", "10"), answers))
        self.assertFalse(condition_holds(rule("less", "10"), answers))
        self.assertTrue(condition_holds(rule("equals", "12.50"), answers))
        self.assertFalse(condition_holds(rule("greater", "viel"), answers))
        self.assertFalse(condition_holds(rule("greater", "1"), {"q": "dont_know"}))

    def test_text_contains_ignores_case(self):
        answers = {"q": "Wir suchen Pflegekräfte"}
        self.assertTrue(condition_holds(rule("contains", "pflege"), answers))
        self.assertFalse(condition_holds(rule("contains", "handwerk"), answers))

    def test_no_answer_never_matches(self):
        for operator in ["equals", "one_of", "contains", "greater", "less"]:
            self.assertFalse(condition_holds(rule(operator, "x"), {}))
        self.assertFalse(condition_holds(rule("equals", "x"), {"q": set()}))

    def test_dates_compare_as_text(self):
        answers = {"q": datetime.date(2026, 5, 1)}
        self.assertTrue(condition_holds(rule("equals", "2026-05-01"), answers))
