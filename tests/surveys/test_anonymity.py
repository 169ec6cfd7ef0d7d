"""In an anonymous round nothing stored leads from a response to its invitation or
organisation; the invitation only learns that it was started and completed. A personalised
round links them and says so in the privacy notice."""

import pytest
from django.db import connection
from django.test import TestCase

from surveys import services, tokens
from surveys.models import Answer, AnswerChoice, Invitation, Response, SurveyRound
from tests.factories import OrganizationFactory
from tests.surveys.helpers import (
    answer_all,
    consent,
    demo_version,
    ensure_fields,
    open_round,
    url,
)


def row_values(table: str, where: str, params) -> list:
    """Every column value of the rows, as text, straight from the database."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE {where}", params)  # noqa: S608
        return [str(value) for row in cursor.fetchall() for value in row if value is not None]


def linking_columns(table: str) -> list[str]:
    """Columns of `table` with a foreign key to invitations or organisations."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT a.attname FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
            WHERE c.contype = 'f' AND c.conrelid = %s::regclass
              AND c.confrelid IN (
                  'surveys_invitation'::regclass, 'districts_organization'::regclass)
            """,
            [table],
        )
        return [row[0] for row in cursor.fetchall()]


class AnonymityTestCase(TestCase):
    anonymity = SurveyRound.Anonymity.ANONYMOUS

    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()
        cls.round, _open = open_round(cls.version)
        SurveyRound.objects.filter(pk=cls.round.pk).update(anonymity=cls.anonymity)
        cls.organization = OrganizationFactory(
            district=cls.round.district, name="Metallbau Eder GmbH", email="eder@example.org"
        )

    def setUp(self):
        self.invitation, self.token = services.invitation_create(
            survey_round=self.round, organization=self.organization, email="eder@example.org"
        )


class AnonymousRoundTests(AnonymityTestCase):
    def test_nothing_in_the_response_or_its_answers_leads_to_the_invitation(self):
        self.assertContains(self.client.get(url("respond", self.token)), "anonym gespeichert")
        consent(self.client, self.token)
        self.invitation.refresh_from_db()
        self.assertTrue(self.invitation.started)
        self.assertFalse(self.invitation.completed)
        answer_all(self.client, self.token)
        self.invitation.refresh_from_db()
        self.assertTrue(self.invitation.completed)

        response = Response.objects.get()
        self.assertIsNone(response.invitation_id)
        self.assertIsNotNone(response.submitted_at)
        # What the invitation alone knows (small integer ids match any number, so the id
        # columns are checked through the schema below).
        invitation_values = {
            self.invitation.token_hash,
            self.invitation.token_salt,
            self.invitation.email,
            self.organization.name,
            self.token,
            services.token_hash(self.token),
        }
        stored = row_values("surveys_response", "id = %s", [response.pk])
        answer_ids = list(Answer.objects.filter(response=response).values_list("pk", flat=True))
        stored += row_values("surveys_answer", "response_id = %s", [response.pk])
        stored += row_values("surveys_answerchoice", "answer_id = ANY(%s)", [answer_ids])
        self.assertTrue(answer_ids)
        self.assertTrue(AnswerChoice.objects.filter(answer__response=response).exists())
        self.assertEqual(linking_columns("surveys_response"), ["invitation_id"])
        self.assertEqual(invitation_values & set(stored), set())
        self.assertFalse(any(self.token in value for value in stored))
        # Every column of the three tables that refers to an invitation or an organisation
        # holds nothing for this response.
        for table, where, params in [
            ("surveys_response", "id = %s", [response.pk]),
            ("surveys_answer", "response_id = %s", [response.pk]),
            ("surveys_answerchoice", "answer_id = ANY(%s)", [answer_ids]),
        ]:
            for column in linking_columns(table):
                with self.subTest(table=table, column=column):
                    self.assertEqual(
                        row_values(table, f"{where} AND {column} IS NOT NULL", params), []
                    )
        self.assertNotEqual(response.resume_token_hash, self.invitation.token_hash)
        self.assertEqual(response.resume_token_hash, tokens.response_key(self.token))
        # The invitation holds no time that could be matched against the response's times.
        self.assertEqual(
            Invitation.objects.filter(pk=self.invitation.pk)
            .values_list("started", "completed")
            .get(),
            (True, True),
        )

    def test_coming_back_through_the_link_finds_the_anonymous_response(self):
        consent(self.client, self.token)
        reply = self.client.get(url("respond", self.token))
        self.assertRedirects(reply, url("page", self.token, 1))
        self.assertEqual(Response.objects.count(), 1)
        # Consenting again (another tab) starts no second response.
        consent(self.client, self.token)
        self.assertEqual(Response.objects.count(), 1)

    def test_the_round_page_shows_only_the_flags_never_a_response(self):
        from ikokmu.roles import Role
        from tests.factories import user_with_role

        answer_all(self.client, self.token)
        staff = user_with_role(Role.DISTRICT_STAFF, districts=[self.round.district])
        self.client.force_login(staff)
        from django.urls import reverse

        page = self.client.get(reverse("surveys:round_detail", args=[self.round.pk]))
        self.assertContains(page, "nie eine Antwort")
        self.assertContains(page, "eder@example.org")
        self.assertNotContains(page, "Wenige Bewerbungen")  # a free-text answer
        self.assertNotContains(page, "/befragung/t/")  # no personal link to open the answers


class PersonalisedRoundTests(AnonymityTestCase):
    anonymity = SurveyRound.Anonymity.PERSONALISED

    def test_the_response_is_linked_and_the_privacy_notice_says_so(self):
        page = self.client.get(url("respond", self.token))
        self.assertContains(page, "werden Ihre Antworten mit Ihrer Organisation verknüpft")
        answer_all(self.client, self.token)
        response = Response.objects.get()
        self.assertEqual(response.invitation, self.invitation)
        self.invitation.refresh_from_db()
        self.assertTrue(self.invitation.started)
        self.assertTrue(self.invitation.completed)


@pytest.mark.django_db(transaction=True)
def test_an_anonymous_response_and_its_invitation_are_not_written_by_one_transaction(client):
    """Rows written by one transaction share PostgreSQL's transaction id (xmin); the invitation's
    flags are therefore set in a transaction of their own."""
    ensure_fields()
    survey_round, _open = open_round(demo_version())
    invitation, token = services.invitation_create(survey_round=survey_round, email="a@example.org")
    consent(client, token)
    answer_all(client, token)
    response = Response.objects.get(round=survey_round)
    assert response.submitted_at is not None
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text FROM surveys_response WHERE id = %s", [response.pk])
        (response_xid,) = cursor.fetchone()
        cursor.execute("SELECT xmin::text FROM surveys_invitation WHERE id = %s", [invitation.pk])
        (invitation_xid,) = cursor.fetchone()
    invitation.refresh_from_db()
    assert invitation.completed
    assert response_xid != invitation_xid


@pytest.mark.django_db(transaction=True)
def test_no_transaction_id_pairs_anonymous_responses_with_their_invitations(client):
    """A transaction of its own is not enough: with nothing in between, its id is the
    response's plus one. Three respondents answer one after another; whoever reads xmin of
    both tables must not find each invitation one transaction after a response."""
    ensure_fields()
    survey_round, _open = open_round(demo_version())
    invitations = []
    for n in range(3):
        invitation, token = services.invitation_create(
            survey_round=survey_round, email=f"b{n}@example.org"
        )
        consent(client, token)
        answer_all(client, token)
        invitations.append(invitation.pk)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT xmin::text::bigint FROM surveys_response WHERE round_id = %s",
            [survey_round.pk],
        )
        response_xids = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT id, xmin::text::bigint FROM surveys_invitation WHERE round_id = %s",
            [survey_round.pk],
        )
        invitation_xids = dict(cursor.fetchall())
    assert Invitation.objects.filter(round=survey_round, completed=True).count() == 3
    # All invitations carry the latest mark's id: at most one response can sit next to it,
    # and it sits next to every invitation alike.
    assert len(set(invitation_xids.values())) == 1
    next_to_a_response = [pk for pk, xid in invitation_xids.items() if xid - 1 in response_xids]
    assert sorted(next_to_a_response) in ([], sorted(invitations))


class LostCompletedFlagTests(AnonymityTestCase):
    def test_opening_the_link_again_after_a_lost_flag_marks_the_invitation_completed(self):
        consent(self.client, self.token)
        answer_all(self.client, self.token)
        # As if the process had stopped between the submit and the flag's own transaction.
        Invitation.objects.filter(pk=self.invitation.pk).update(completed=False)
        self.assertRedirects(self.client.get(url("respond", self.token)), url("thanks", self.token))
        self.invitation.refresh_from_db()
        self.assertTrue(self.invitation.completed)
