"""The respondent's answers PDF (issue 12): the demo catalogue and questionnaire, one fully
answered response; the PDF through the test client, median of 5 downloads after one warm-up,
in German and in Arabic (right to left, a second font), each < 1.5 s, with the processor time
of the same requests."""

import datetime
import random
import statistics
import time

from django.test import Client
from django.urls import reverse
from django.utils import timezone

LIMIT = 1.5


def run(report):
    from catalog import demo as catalog_demo
    from districts.models import District
    from surveys import demo, services
    from surveys.models import Response
    from tests.surveys.helpers import ensure_fields

    ensure_fields()
    district, _created = District.objects.get_or_create(
        official_key=catalog_demo.MUNICH, defaults={"name": "Landkreis München"}
    )
    catalog_demo.seed()
    version = services.questionnaire_import(data=demo.DEMO_QUESTIONNAIRE)
    now = timezone.now()
    survey_round, _open = services.round_create(
        district=district,
        version=version,
        title="Antworten-PDF (Benchmark)",
        opens_at=now - datetime.timedelta(days=3),
        closes_at=now + datetime.timedelta(days=30),
        # Personalised: the response hangs on its invitation, so it can be written directly.
        anonymity="personalised",
    )
    rng = random.Random(12)
    client = Client()
    for language in ("de", "ar"):
        invitation, token = services.invitation_create(survey_round=survey_round)
        values = demo._respondent(rng, language, now.date())
        response = Response(
            round=survey_round,
            invitation=invitation,
            language=language,
            consent_at=now,
            started_at=now,
            updated_at=now,
            submitted_at=now,
            furthest_position=5,
        )
        demo._save_responses(version, [(response, values)])
        url = reverse("surveys:answers_pdf", args=[token]) + f"?sprache={language}"
        times, cpu = [], []
        for _ in range(6):
            started, started_cpu = time.perf_counter(), time.process_time()
            reply = client.get(url)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            assert reply.status_code == 200 and reply.content.startswith(b"%PDF"), reply
        report(f"answers PDF ({language}), median of 5", statistics.median(times[1:]), "s", LIMIT)
        # The processor time of the same requests: what the rendering costs, whatever else
        # runs on the machine (on a shared two-core machine the wall time above is mostly
        # waiting for a core).
        report(f"answers PDF ({language}), CPU time", statistics.median(cpu[1:]), "s", LIMIT)
