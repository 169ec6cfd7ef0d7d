"""Figures of the needs questionnaire (issue 5): gunicorn with two workers on loopback, 50
simulated respondents answering the demo questionnaire page after page for 60 s: no errors,
median page time under 50 ms, and every answer the server acknowledged is in the database.

Each respondent is a thread with its own cookies and personal link; it reads the CSRF token
from the page, posts each page, follows the redirect, submits, reads the thank-you page and
starts again with the next invitation. Between two requests a respondent pauses 1 to 3 s (a very
quick reader: real respondents take far longer per page), so 50 of them offer about 25 requests
a second; without pauses the median would only measure the queue in front of two workers.

The loop is bounded by the deadline, every request has a
timeout, and gunicorn is stopped in `finally`. BENCH_SURVEYS_SECONDS shortens the run.
"""

import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESPONDENTS = 50
SECONDS = float(os.environ.get("BENCH_SURVEYS_SECONDS", "60"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url(connection) -> str:
    from ikokmu import devdb

    settings = connection.settings_dict
    host = devdb.socket_dir() or settings["HOST"]
    lines = (devdb.PGDATA / "postmaster.pid").read_text().splitlines()
    port = lines[3].strip() if len(lines) > 3 else "5432"
    return (
        f"postgres://{settings['USER']}@{urllib.parse.quote(host, safe='')}:{port}/"
        f"{settings['NAME']}"
    )


class Respondent(threading.Thread):
    def __init__(self, base, tokens, deadline, lock, stats):
        super().__init__(daemon=True)
        self.base, self.tokens, self.deadline = base, tokens, deadline
        self.lock, self.stats = lock, stats
        self.random = random.Random(id(self))

    def request(self, opener, path, data=None):
        pause = self.random.uniform(1.0, 3.0)
        if time.monotonic() + pause > self.deadline:
            raise TimeoutError
        time.sleep(pause)
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        if data is not None:
            request.add_header("Referer", self.base + path)
        started = time.perf_counter()
        try:
            reply = opener.open(request, timeout=30)
            status, location, text = reply.status, None, reply.read().decode()
        except urllib.error.HTTPError as error:
            status, location, text = error.code, error.headers.get("Location"), error.read()
        elapsed = time.perf_counter() - started
        with self.lock:
            self.stats["times"].append(elapsed)
        return status, location, text

    def expect(self, ok: bool, what: str):
        if not ok:
            with self.lock:
                self.stats["errors"].append(what)
            raise RuntimeError(what)

    def run(self):
        from tests.surveys.helpers import PAGE_ANSWERS

        while time.monotonic() < self.deadline:
            with self.lock:
                if not self.tokens:
                    return
                token = self.tokens.pop()
            opener = urllib.request.build_opener(
                urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect()
            )
            try:
                status, _loc, page = self.request(opener, f"/befragung/t/{token}/")
                self.expect(status == 200, f"entry {status}")
                csrf = CSRF.search(page).group(1)
                status, location, _ = self.request(
                    opener, f"/befragung/t/{token}/", {"csrfmiddlewaretoken": csrf, "consent": "on"}
                )
                self.expect(status == 302, f"consent {status}")
                for position, answers in PAGE_ANSWERS.items():
                    path = f"/befragung/t/{token}/seite/{position}/"
                    status, _loc, page = self.request(opener, path)
                    self.expect(status == 200, f"page {position} {status}")
                    csrf = CSRF.search(page).group(1)
                    payload = {**answers, "action": "next", "csrfmiddlewaretoken": csrf}
                    status, location, _ = self.request(opener, path, payload)
                    self.expect(status == 302, f"save {position} {status}")
                    with self.lock:
                        self.stats["acknowledged"].append((token, position))
                status, _loc, page = self.request(opener, f"/befragung/t/{token}/abschliessen/")
                self.expect(status == 200, f"review {status}")
                csrf = CSRF.search(page).group(1)
                status, location, _ = self.request(
                    opener, f"/befragung/t/{token}/abschliessen/", {"csrfmiddlewaretoken": csrf}
                )
                self.expect(status == 302 and location.endswith("/danke/"), f"submit {status}")
                with self.lock:
                    self.stats["submitted"].append(token)
                status, _loc, _page = self.request(opener, f"/befragung/t/{token}/danke/")
                self.expect(status == 200, f"thanks {status}")
            except TimeoutError:
                return
            except (RuntimeError, OSError, AttributeError) as error:
                with self.lock:
                    if not isinstance(error, RuntimeError):
                        self.stats["errors"].append(repr(error))


def run(report):
    from django.db import connection

    from surveys import services
    from surveys.models import Answer, Invitation, Response
    from surveys.tokens import response_key
    from tests.surveys.helpers import PAGE_ANSWERS, demo_version, open_round

    version = demo_version()
    survey_round, _open = open_round(version)
    tokens = [services.new_token() for _ in range(3000)]
    Invitation.objects.bulk_create(
        Invitation(round=survey_round, token_hash=services.token_hash(t)) for t in tokens
    )
    connection.close()

    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(connection),
        "DEBUG": "true",
        "CONN_MAX_AGE": "600",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "ikokmu.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        stats = {"times": [], "errors": [], "acknowledged": [], "submitted": []}
        lock = threading.Lock()
        deadline = time.monotonic() + SECONDS
        threads = [Respondent(base, tokens, deadline, lock, stats) for _ in range(RESPONDENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=SECONDS + 60)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)

    # Every acknowledged page has its answers in the database. The round is anonymous (the
    # default), so a response is found through its link only (surveys.tokens.response_key).
    stored = set(
        Answer.objects.filter(response__round=survey_round)
        .values_list("response__resume_token_hash", "question__section__position")
        .distinct()
    )
    missing = [
        (token, position)
        for token, position in stats["acknowledged"]
        if (response_key(token), position) not in stored
    ]
    submitted = Response.objects.filter(round=survey_round, submitted_at__isnull=False).count()
    times = sorted(stats["times"])
    print(
        f"    {len(times)} requests, {len(stats['acknowledged'])} pages saved, "
        f"{len(stats['submitted'])} submitted ({submitted} in the database), "
        f"errors: {stats['errors'][:5]}",
        flush=True,
    )
    assert PAGE_ANSWERS
    report("Befragung: Fehler bei 50 gleichzeitigen Befragten", len(stats["errors"]), "n", 0)
    report("Befragung: Seitenzeit (Median)", statistics.median(times) * 1000, "ms", 50)
    report("Befragung: Seitenzeit (95. Perzentil)", times[int(len(times) * 0.95)] * 1000, "ms")
    report("Befragung: Seiten pro Sekunde", len(times) / SECONDS, "1/s")
    report("Befragung: bestätigte, aber fehlende Antworten", len(missing), "n", 0)
    report(
        "Befragung: abgeschickt, aber nicht gespeichert",
        len(stats["submitted"]) - submitted if submitted < len(stats["submitted"]) else 0,
        "n",
        0,
    )
