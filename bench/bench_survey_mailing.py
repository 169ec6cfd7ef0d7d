"""Figures of the survey mail (issue 6): a round with 5,000 invitations is queued in under 5 s
(one UPDATE and one task per hundred), and the real worker (`manage.py worker`, a subprocess on
the bench database) delivers them to a local SMTP server (aiosmtpd) at 50 or more per second.

The delivery rate is measured from the first to the last message the SMTP server accepted, so it
does not count the worker's start-up; the wall time including start-up is reported as well.
"""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
INVITATIONS = 5000


def _database_url(connection) -> str:
    connection.ensure_connection()
    params = connection.get_connection_params()
    host = quote(str(params.get("host") or ""), safe="")
    port = f":{params['port']}" if params.get("port") else ""
    return f"postgres://{params.get('user') or 'postgres'}@{host}{port}/{params['dbname']}"


def run(report) -> None:
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from surveys import mailing, round_services, services
    from surveys.demo import DEMO_QUESTIONNAIRE
    from surveys.models import Invitation, SurveyRound
    from tests.factories import DistrictFactory
    from tests.surveys.helpers import ensure_fields
    from tests.surveys.smtp import SmtpServer

    ensure_fields()
    version = services.questionnaire_import(data=DEMO_QUESTIONNAIRE)
    now = timezone.now()
    survey_round, _open = services.round_create(
        district=DistrictFactory(name="Landkreis Bench"),
        version=version,
        title="Versand-Bench",
        opens_at=now - timezone.timedelta(days=1),
        closes_at=now + timezone.timedelta(days=30),
        access=SurveyRound.Access.INVITATION,
        sender_name="Landratsamt Bench",
    )
    round_services.invitations_create(
        survey_round=survey_round,
        recipients=[round_services.Recipient(f"kmu{n}@bench.example") for n in range(INVITATIONS)],
    )

    started = time.perf_counter()
    queued = mailing.invitations_queue(survey_round=survey_round)
    report("5.000 Einladungen einreihen", time.perf_counter() - started, "s", 5.0)
    assert queued == INVITATIONS, queued

    with SmtpServer() as smtp:
        env = {
            **os.environ,
            **smtp.environment,
            "DATABASE_URL": _database_url(connection),
            "SECRET_KEY": settings.SECRET_KEY,
            "SITE_URL": settings.SITE_URL,
            "LOG_LEVEL": "WARNING",
        }
        started = time.perf_counter()
        worker = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "worker",
                "--no-reload",
                "--no-startup-delay",
                "--batch",
                "--interval",
                "0.1",
                "-v",
                "0",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        first = None
        try:
            deadline = time.monotonic() + 600
            while len(smtp.messages) < INVITATIONS and time.monotonic() < deadline:
                if first is None and smtp.messages:
                    first = time.perf_counter()
                if worker.poll() is not None:
                    break
                time.sleep(0.01)
            last = time.perf_counter()
            worker.wait(timeout=60)
        finally:
            if worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=30)
        total = last - started
        delivered = len(smtp.messages)
    assert delivered == INVITATIONS, (delivered, worker.stdout.read().decode()[-3000:])
    assert Invitation.objects.filter(sent_at__isnull=True).count() == 0
    rate = (delivered - 1) / (last - first)
    report("Zustellung an lokalen SMTP-Server: ms je E-Mail", 1000 / rate, "ms", 20.0)
    report("Zustellung: E-Mails je Sekunde (Ziel ≥ 50)", rate, "/s")
    report("Zustellung von 5.000 E-Mails mit Start des Dienstes", total, "s")
