"""Submitting is once only, even when two tabs or a double click submit at the same moment."""

import threading

import pytest
from django.db import connection
from django.test import Client

from surveys import services
from surveys.models import Answer, Response
from tests.surveys.helpers import PAGE_ANSWERS, answer_page, consent, demo_version, open_round, url

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(count, action):
    """Run `action(n)` in `count` threads released together; returns their results."""
    barrier = threading.Barrier(count)
    results = [None] * count
    errors = []

    def run(n):
        try:
            barrier.wait()
            results[n] = action(n)
        except Exception as error:  # noqa: BLE001 - reported to the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


@pytest.fixture
def answered():
    version = demo_version()
    survey_round, _open = open_round(version)
    _invitation, token = services.invitation_create(survey_round=survey_round)
    client = Client()
    consent(client, token)
    for position in PAGE_ANSWERS:
        answer_page(client, token, position)
    return token


def test_four_tabs_submitting_at_once_leave_one_submitted_response(answered):
    answers_before = Answer.objects.count()
    replies = at_once(4, lambda n: Client().post(url("review", answered)))
    assert {r.status_code for r in replies} == {302}
    assert {r["Location"] for r in replies} == {url("thanks", answered)}
    response = Response.objects.get()
    assert response.submitted_at is not None
    assert Answer.objects.count() == answers_before


def test_only_one_of_concurrent_submits_counts(answered):
    response = Response.objects.get()
    results = at_once(6, lambda n: services.response_submit(response=response))
    assert sorted(results) == [False] * 5 + [True]


def test_a_page_saved_while_another_tab_submits_never_changes_the_submitted_answers(answered):
    changed = {**PAGE_ANSWERS[5], "q_q24_stunden": "99"}

    def act(n):
        client = Client()
        if n == 0:
            return client.post(url("review", answered))
        return answer_page(client, answered, 5, changed)

    replies = at_once(2, act)
    assert all(r.status_code == 302 for r in replies)
    response = Response.objects.get()
    assert response.submitted_at is not None
    hours = Answer.objects.get(question__code="q24_stunden").number
    # Either the save came first and was submitted, or it came after and was refused.
    assert str(hours) in {"99.00", "4.50"}
    assert Answer.objects.filter(question__code="q24_stunden").count() == 1
