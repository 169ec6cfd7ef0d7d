"""While the database is unreachable, pages answer 503 with Retry-After and a page in the
visitor's language telling respondents their saved answers are safe, instead of a 500.

The outage is real: the test database stops accepting connections and the open ones are ended
by the server (as when PostgreSQL restarts), so every request fails at its first query, wherever
that is.
"""

from contextlib import contextmanager

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from ikokmu.roles import Role
from surveys import services, tokens
from surveys.models import Answer, Response
from tests.factories import DistrictFactory, user_with_role
from tests.surveys.helpers import answer_page, consent, demo_version, open_round, url

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def database_unreachable():
    name = connection.settings_dict["NAME"]
    # From the server's maintenance database, which stays reachable to end the outage again.
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false')
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
        )
    try:
        yield
    finally:
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true')


def test_a_respondent_sending_a_page_during_an_outage_hears_in_english_that_answers_are_safe():
    survey_round, _open = open_round(demo_version())
    _invitation, token = services.invitation_create(survey_round=survey_round)
    respondent = Client(raise_request_exception=False)
    consent(respondent, token, language="en")
    assert answer_page(respondent, token, 1).status_code == 302

    with database_unreachable():
        reply = answer_page(respondent, token, 2)

    assert reply.status_code == 503
    assert reply["Retry-After"] == "30"
    assert reply["Content-Language"] == "en"
    assert "no-store" in reply["Cache-Control"]
    assert "default-src 'self'" in reply["Content-Security-Policy"]
    page = reply.content.decode()
    assert '<html lang="en">' in page
    assert "The answers and entries you have saved so far are safe" in page
    # What was saved before the outage is still there.
    response = Response.objects.get(resume_token_hash=tokens.response_key(token))
    saved = Answer.objects.filter(
        response=response, question__code__in=["q01_branche", "q02_beschaeftigte"]
    )
    assert saved.count() == 2


def test_a_respondent_in_german_gets_the_page_in_german():
    survey_round, _open = open_round(demo_version())
    _invitation, token = services.invitation_create(survey_round=survey_round)
    respondent = Client(raise_request_exception=False)
    consent(respondent, token)

    with database_unreachable():
        reply = respondent.get(url("page", token, 1))

    assert reply.status_code == 503
    assert "Ihre bisher gespeicherten Antworten und Eingaben sind sicher" in reply.content.decode()


def test_signed_in_staff_get_the_503_too():
    district = DistrictFactory()
    user = user_with_role(Role.DISTRICT_STAFF, districts=[district], username="lra")
    staff = Client(raise_request_exception=False)
    staff.force_login(user)

    with database_unreachable():
        reply = staff.get(reverse("districts:detail", args=[district.pk]))

    assert reply.status_code == 503
    assert reply["Retry-After"] == "30"
    assert reply["Content-Language"] == "de"
