"""Figures of a round's results (issue 6): a round of the demo questionnaire with 20,000 submitted
responses with varied answers; the results page (median of 10 requests through the test client,
< 500 ms), the XLSX export (< 15 s, with the peak memory growth that shows the rows are not all
held), and the district report PDF (< 5 s).

The data is made inside PostgreSQL: one INSERT … SELECT over generate_series per question, so
building 20,000 responses (about 600,000 answer rows) takes seconds, not minutes.
"""

import datetime
import os
import resource
import statistics
import time
import tracemalloc

from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

RESPONSES = int(os.environ.get("BENCH_SURVEY_RESPONSES", "20000"))

TEXTS = [
    "Zu wenige Bewerbungen aus der Region.",
    "Die Anerkennung der Abschlüsse dauert sehr lange.",
    "Wohnraum ist knapp und teuer.",
    "Deutschkurse am Abend wären hilfreich.",
    "Wir brauchen Unterstützung bei Behördengängen.",
    "Gute Erfahrungen mit Patenschaften.",
]


def _execute(sql: str, params: dict | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def build(count: int):
    """The demo questionnaire, a round in one district with `count` submitted responses and a
    team member; returns (round, user)."""
    from districts.models import District
    from ikokmu.roles import Role
    from surveys import services
    from surveys.demo import DEMO_QUESTIONNAIRE
    from surveys.models import Question
    from tests.factories import OrganizationFactory, user_with_role
    from tests.surveys.helpers import ensure_fields

    ensure_fields()
    version = services.questionnaire_import(data=DEMO_QUESTIONNAIRE)
    district, _created = District.objects.get_or_create(
        official_key="09182", defaults={"name": "Landkreis Miesbach"}
    )
    now = timezone.now()
    survey_round, _token = services.round_create(
        district=district,
        version=version,
        title="Bedarfsbefragung Miesbach (Benchmark)",
        opens_at=now - datetime.timedelta(days=60),
        closes_at=now + datetime.timedelta(days=30),
        access="both",
    )
    OrganizationFactory(district=district)
    user = user_with_role(Role.PROJECT_TEAM, username="bench-team")
    round_id = survey_round.pk
    # Invitations (for the response rate): one per response, every second one completed.
    _execute(
        """
        INSERT INTO surveys_invitation (round_id, email, token_hash, token_salt, language,
            created_at, attempts, reminders_sent, failure_reason, started, completed, sent_at)
        SELECT %(round)s, 'kmu' || g || '@example.test', md5('inv' || g) || md5('x' || g), '',
               'de', now(), 1, 0, '', g %% 2 = 0, g %% 2 = 0, now()
        FROM generate_series(1, %(count)s) g
        """,
        {"round": round_id, "count": count},
    )
    _execute(
        """
        INSERT INTO surveys_response (round_id, resume_token_hash, language, consent_at,
            furthest_position, started_at, updated_at)
        SELECT %(round)s, md5('resp' || g) || md5('y' || g), CASE WHEN g %% 9 = 0 THEN 'en'
               ELSE 'de' END, now(), 5, now(), now()
        FROM generate_series(1, %(count)s) g
        """,
        {"round": round_id, "count": count},
    )
    responses = (
        "SELECT id, random() AS r1, random() AS r2 FROM surveys_response WHERE round_id = %(round)s"
    )
    T = Question.Type
    questions = list(Question.objects.filter(version=version).prefetch_related("choices", "items"))
    insert = (
        "INSERT INTO surveys_answer (response_id, question_id, item_id, choice_id, number, "
        "text, date, dont_know) "
    )
    for question in questions:
        params = {"round": round_id, "question": question.pk}
        choices = [c.pk for c in question.choices.all()]
        if question.type in (T.SINGLE_CHOICE, T.YES_NO):
            # Skewed towards the first choices, so the bars differ; 10 % skip the question.
            params["choices"] = choices
            _execute(
                insert + "SELECT s.id, %(question)s, NULL, (%(choices)s::bigint[])"
                "[1 + floor(power(s.r1, 1.6) * cardinality(%(choices)s::bigint[]))::int], NULL, "
                "CASE WHEN s.r2 < 0.05 THEN 'Sonstiges Beispiel' ELSE '' END, NULL, false "
                f"FROM ({responses}) s WHERE s.r2 < 0.9",
                params,
            )
        elif question.type == T.MULTIPLE_CHOICE:
            _execute(
                insert + "SELECT s.id, %(question)s, NULL, NULL, NULL, '', NULL, false "
                f"FROM ({responses}) s WHERE s.r1 < 0.92",
                params,
            )
            for index, choice in enumerate(choices):
                _execute(
                    "INSERT INTO surveys_answerchoice (answer_id, choice_id) "
                    "SELECT a.id, %(choice)s FROM surveys_answer a "
                    "WHERE a.question_id = %(question)s AND random() < %(share)s",
                    {"question": question.pk, "choice": choice, "share": 0.55 - 0.07 * index},
                )
        elif question.type in (T.RATING, T.MATRIX):
            items = [i.pk for i in question.items.all()] or [None]
            for item in items:
                params.update(item=item, points=question.scale_points or 5)
                _execute(
                    insert + "SELECT s.id, %(question)s, %(item)s, NULL, "
                    "CASE WHEN s.r2 < 0.07 THEN NULL "
                    "ELSE 1 + floor(power(random(), 0.8) * %(points)s) END, '', NULL, "
                    "s.r2 < 0.07 "
                    f"FROM ({responses}) s WHERE s.r1 < 0.95",
                    params,
                )
        elif question.type == T.NUMBER:
            params["high"] = float(question.number_max or 100)
            _execute(
                insert + "SELECT s.id, %(question)s, NULL, NULL, "
                "round((power(s.r1, 3) * %(high)s)::numeric, 0), '', NULL, false "
                f"FROM ({responses}) s WHERE s.r2 < 0.9",
                params,
            )
        elif question.type == T.DATE:
            _execute(
                insert + "SELECT s.id, %(question)s, NULL, NULL, NULL, '', "
                "date '2026-01-01' + floor(s.r1 * 700)::int - 400, false "
                f"FROM ({responses}) s WHERE s.r2 < 0.6",
                params,
            )
        else:
            params["texts"] = TEXTS
            _execute(
                insert + "SELECT s.id, %(question)s, NULL, NULL, NULL, "
                "(%(texts)s::text[])[1 + floor(s.r1 * cardinality(%(texts)s::text[]))::int], "
                f"NULL, false FROM ({responses}) s WHERE s.r2 < 0.3",
                params,
            )
    # Submitted last: a trigger refuses answers to a submitted response.
    _execute(
        "UPDATE surveys_response SET submitted_at = now() - (id %% 50) * interval '1 day' "
        "- (id %% 1440) * interval '1 minute' WHERE round_id = %(round)s",
        {"round": round_id},
    )
    _execute("ANALYZE surveys_response; ANALYZE surveys_answer; ANALYZE surveys_answerchoice")
    return survey_round, user


def _memory_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak since the last reset) of this process, from /proc."""
    with open("/proc/self/status") as status:
        lines = status.read().splitlines()
    for line in lines:
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> None:
    # Writing 5 to clear_refs resets the peak RSS (VmHWM), so the figure is the export's own.
    with open("/proc/self/clear_refs", "w") as handle:
        handle.write("5")


def run(report):
    from surveys import exports
    from surveys.models import Answer

    started = time.perf_counter()
    survey_round, user = build(RESPONSES)
    answers = Answer.objects.filter(response__round=survey_round).count()
    report(
        f"Aufbau {RESPONSES} Antwortbögen ({answers} Antworten, INSERT … SELECT)",
        time.perf_counter() - started,
        "s",
        limit=120,
    )

    client = Client()
    client.force_login(user)
    url = reverse("surveys:round_results", args=[survey_round.pk])
    first = client.get(url)
    assert first.status_code == 200 and first.context["results"].total == RESPONSES
    timings = []
    for _n in range(10):
        begun = time.perf_counter()
        reply = client.get(url)
        timings.append((time.perf_counter() - begun) * 1000)
        assert reply.status_code == 200
    report(
        f"Ergebnisseite, {RESPONSES} Antwortbögen, Median aus 10",
        statistics.median(timings),
        "ms",
        limit=500,
    )

    comparison = reverse("surveys:district_comparison")
    client.get(comparison)
    timings = []
    for _n in range(5):
        begun = time.perf_counter()
        client.get(comparison)
        timings.append((time.perf_counter() - begun) * 1000)
    report("Vergleich der Landkreise, Median aus 5", statistics.median(timings), "ms")

    _reset_peak()
    rss_before = _memory_mb("VmRSS")
    begun = time.perf_counter()
    reply = client.get(reverse("surveys:round_export_xlsx", args=[survey_round.pk]))
    size = sum(len(chunk) for chunk in reply.streaming_content)
    elapsed = time.perf_counter() - begun
    assert reply.status_code == 200 and size > 0
    report(f"XLSX-Export {RESPONSES} Zeilen ({size / 1e6:.1f} MB)", elapsed, "s", limit=15)
    report("XLSX-Export: Zuwachs des Spitzen-RSS", _memory_mb("VmHWM") - rss_before, "MB")
    tracemalloc.start()
    handle = exports.xlsx_file(survey_round)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    handle.close()
    report("XLSX-Export: Spitze der Python-Speicherbelegung (tracemalloc)", peak / 1e6, "MB")

    begun = time.perf_counter()
    reply = client.get(reverse("surveys:round_export_csv", args=[survey_round.pk]))
    size = sum(len(chunk) for chunk in reply.streaming_content)
    report(f"CSV-Export {RESPONSES} Zeilen ({size / 1e6:.1f} MB)", time.perf_counter() - begun, "s")

    begun = time.perf_counter()
    reply = client.get(reverse("surveys:round_export_sav", args=[survey_round.pk]))
    size = sum(len(chunk) for chunk in reply.streaming_content)
    report(
        f"SPSS-Export {RESPONSES} Zeilen ({size / 1e6:.1f} MB)", time.perf_counter() - begun, "s"
    )

    pdf_url = reverse("surveys:round_report", args=[survey_round.pk])
    client.get(pdf_url)  # warm-up: fonts
    timings = []
    for _n in range(3):
        begun = time.perf_counter()
        reply = client.get(pdf_url)
        timings.append(time.perf_counter() - begun)
        assert reply.content.startswith(b"%PDF")
    report("Landkreisbericht (PDF), Median aus 3", statistics.median(timings), "s", limit=5)
