"""The real worker (`manage.py worker`, a subprocess on the test database) is killed in the middle
of a batch and started again: every invitation arrives exactly once."""

import collections
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.models import DBTaskResult

from surveys import mailing, round_services
from surveys.models import Invitation, SurveyRound
from tests.surveys.helpers import demo_version, open_round
from tests.surveys.smtp import SmtpServer

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
INVITATIONS = 200
KILL_AT = 60


def database_url() -> str:
    params = connection.get_connection_params()
    host = quote(str(params.get("host") or ""), safe="")
    port = f":{params['port']}" if params.get("port") else ""
    return f"postgres://{params.get('user') or 'postgres'}@{host}{port}/{params['dbname']}"


def start_worker(smtp: SmtpServer, command: str = "worker") -> subprocess.Popen:
    env = {
        **os.environ,
        **smtp.environment,
        "DATABASE_URL": database_url(),
        "SECRET_KEY": settings.SECRET_KEY,
        "SITE_URL": settings.SITE_URL,
        "CONN_MAX_AGE": "0",
    }
    env.pop("TEST_DATABASE_NAME", None)
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            command,
            "--no-reload",
            "--no-startup-delay",
            "--batch",
            "--interval",
            "0.1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def test_a_worker_killed_mid_batch_and_started_again_delivers_every_invitation_once():
    connection.ensure_connection()
    survey_round, _open = open_round(demo_version(), access=SurveyRound.Access.INVITATION)
    round_services.invitations_create(
        survey_round=survey_round,
        recipients=[round_services.Recipient(f"kmu{n}@example.org") for n in range(INVITATIONS)],
    )
    assert mailing.invitations_queue(survey_round=survey_round) == INVITATIONS

    killed = threading.Event()
    workers: list[subprocess.Popen] = []

    def kill_mid_way(message):
        # The worker waits for the answer to this message when it dies: the message was never
        # accepted, the invitation's transaction is rolled back.
        if not killed.is_set() and len(smtp.messages) == KILL_AT:
            os.kill(workers[0].pid, signal.SIGKILL)
            killed.set()
            return "421 4.3.0 Service shutting down"
        return None

    with SmtpServer(before_accept=kill_mid_way) as smtp:
        # First django_tasks_db's plain worker, so that only the two tasks queued above exist.
        workers.append(start_worker(smtp, "db_worker"))
        workers[0].wait(timeout=120)
        assert killed.is_set(), workers[0].stdout.read().decode()
        assert len(smtp.messages) == KILL_AT
        assert Invitation.objects.filter(sent_at__isnull=False).count() == KILL_AT
        # The killed task stays "running" for good; the one task left cannot send the other
        # 140: `manage.py worker` queues them again when it starts.
        statuses = sorted(DBTaskResult.objects.values_list("status", flat=True))
        assert statuses == ["READY", "RUNNING"]

        workers.append(start_worker(smtp))
        output = workers[1].communicate(timeout=120)[0].decode()
        assert workers[1].returncode == 0, output

    received = collections.Counter(smtp.recipients())
    assert set(received) == {f"kmu{n}@example.org" for n in range(INVITATIONS)}
    assert set(received.values()) == {1}, [a for a, n in received.items() if n > 1]
    assert Invitation.objects.filter(sent_at__isnull=True).count() == 0
