"""Ids read from request parameters: only plain numbers that fit the database's ids."""

from django.test import SimpleTestCase

from ikokmu.params import parse_id, parse_ids


class ParseIdTests(SimpleTestCase):
    def test_a_plain_number_is_an_id(self):
        self.assertEqual(parse_id("42"), 42)

    def test_what_int_or_postgresql_would_refuse_is_no_id(self):
        # "²" passes str.isdigit(); 20 digits overflow a bigint; both were server errors.
        for value in ("²", "99999999999999999999", "-1", "0", " 4", "4a", "", None, 4):
            with self.subTest(value=value):
                self.assertIsNone(parse_id(value))

    def test_a_list_keeps_only_the_ids(self):
        self.assertEqual(parse_ids(["3", "²", "x", "7"]), [3, 7])
