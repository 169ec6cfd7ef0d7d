"""`make test-load` (or `.venv/bin/python -m loadtest`): the load and fault test of README
"Lasttest".

Set-up: a database `ikokmu_load` on the embedded server (created anew, migrated as the owner
role, demo data, then loadtest.fixtures), production settings (DEBUG=false, collected static
files), the worker and two gunicorn instances (one worker process each) on 127.0.0.1, behind the
round-robin proxy of loadtest.proxy. Sessions, rate limits, locks and tasks are shared only
through PostgreSQL, files through one media folder.

Phase 1 (LOAD_DURATION seconds, default 300): 200 respondents answer the demo questionnaire page
by page through personal links, 1–3 s think time each page, a new link when one is done; 10
staff sign in once and browse results, rounds and cases. Every request goes through the proxy,
so consecutive requests of one person land on alternate instances.
Phase 2: the same, with the database stopped for 20 s at one third (answers then are "outage
answers", 503 or 500, retried by the simulated person) and one instance killed (SIGKILL) at two
thirds and restarted 10 s later.
After each phase: loadtest.verify checks every acknowledged answer and submit in the database
and that nothing is stored twice. The exit status is 0 only if both phases lost nothing and
phase 1 had no server error.

Everything listens on loopback only; the number of people, the duration and every retry are
bounded.
"""

import contextlib
import html
import http.client
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "loadtest"
PYTHON = sys.executable
DATABASE = "ikokmu_load"
PROXY_PORT = int(os.environ.get("LOAD_PORT", "8600"))
INSTANCE_PORTS = [PROXY_PORT + 1, PROXY_PORT + 2]
RESPONDENTS = int(os.environ.get("LOAD_RESPONDENTS", "200"))
STAFF = 10
DURATION = float(os.environ.get("LOAD_DURATION", "300"))
OUTAGE_SECONDS = 20
THINK = (1.0, 3.0)
REQUEST_TIMEOUT = 120
GRACE = 15  # seconds after an outage or a kill in which refusals still count as its answers


# --- the platform under test --------------------------------------------------------------------


def environment() -> dict[str, str]:
    sys.path.insert(0, str(ROOT))
    from ikokmu import devdb

    host = quote(devdb.ensure_running(), safe="")
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://{devdb.APP_ROLE}@{host}/{DATABASE}",
        "MIGRATION_DATABASE_URL": f"postgres://{devdb.OWNER_ROLE}@{host}/{DATABASE}",
        "DEBUG": "false",
        "SECRET_KEY": "load-test-only-key-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{PROXY_PORT}",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "MAIL_BACKEND": "file",
        "MAIL_FILE_PATH": str(WORK / "mail"),
        "PRIVATE_MEDIA_ROOT": str(WORK / "media"),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "ikokmu.settings",
    }


def run(env, *args, capture=False):
    result = subprocess.run(
        [PYTHON, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800
    )
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} ist fehlgeschlagen:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def prepare(env) -> dict:
    from ikokmu import devdb

    WORK.mkdir(parents=True, exist_ok=True)
    socket = devdb.ensure_running()
    drop = f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)'
    create = f'CREATE DATABASE "{DATABASE}" OWNER {devdb.OWNER_ROLE}'
    for sql in (drop, create):
        devdb._psql(socket, sql)
    print("Lasttest: Datenbank, Demodaten, statische Dateien …", flush=True)
    run(env, "manage.py", "migrate", "--no-input", "-v", "0")
    # Static files first: seed_demo renders PDFs, which need the production manifest.
    run(env, "manage.py", "collectstatic", "--no-input", "-v", "0")
    run(env, "manage.py", "seed_demo")
    plan_path = WORK / "plan.json"
    links = int(max(600, RESPONDENTS * DURATION / 25) * 2)
    print(run(env, "-m", "loadtest.fixtures", str(plan_path), str(links)).strip(), flush=True)
    return json.loads(plan_path.read_text())


class Services:
    """Worker, two gunicorn instances and the proxy, each in its own process group."""

    def __init__(self, env):
        self.env = env
        self.processes: dict[str, subprocess.Popen] = {}
        self.worker_restarts = 0
        self._stop = threading.Event()

    def start(self, name, args, log):
        handle = (WORK / f"{log}.log").open("a")
        self.processes[name] = subprocess.Popen(
            args,
            cwd=ROOT,
            env=self.env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start_instance(self, index):
        port = INSTANCE_PORTS[index]
        self.start(
            f"web{index}",
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "ikokmu.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--worker-class",
                "gthread",
                "--threads",
                "4",
                "--timeout",
                "90",
                "--graceful-timeout",
                "5",
                "--backlog",
                "1024",
            ],
            f"web{index}",
        )

    def start_all(self):
        self.start(
            "worker", [PYTHON, "manage.py", "worker", "--no-reload", "--interval", "1"], "worker"
        )
        for index in range(2):
            self.start_instance(index)
        self.start(
            "proxy",
            [PYTHON, "-m", "loadtest.proxy", str(PROXY_PORT), *map(str, INSTANCE_PORTS)],
            "proxy",
        )
        threading.Thread(target=self._supervise_worker, daemon=True).start()
        deadline = time.time() + 120
        while time.time() < deadline:
            if all(self._answers(port) for port in [PROXY_PORT, *INSTANCE_PORTS]):
                return
            time.sleep(1)
        sys.exit("Lasttest: die Instanzen starten nicht (var/loadtest/web*.log).")

    def _supervise_worker(self):
        # As systemd's Restart=always would (README unit file).
        while not self._stop.wait(2):
            if self.processes["worker"].poll() is not None:
                self.worker_restarts += 1
                self.start(
                    "worker",
                    [PYTHON, "manage.py", "worker", "--no-reload", "--interval", "1"],
                    "worker",
                )

    @staticmethod
    def _answers(port):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/katalog/")
            return connection.getresponse().status == 200
        except OSError:
            return False

    def kill(self, name):
        process = self.processes[name]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop_all(self):
        self._stop.set()
        for _name, process in self.processes.items():
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


# --- simulated people ---------------------------------------------------------------------------


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)  # kind -> seconds
        self.status = defaultdict(int)
        self.server_errors = []  # (time, status, path)
        self.outage_answers = defaultdict(int)
        self.connection_errors = 0
        # [start, end]; end None while the fault lasts
        self.fault_windows: list[list] = []
        self.validation_retries = 0
        self.stuck = 0
        self.submitted = 0
        self.started = 0
        self.health = []  # (time, status)

    def in_fault(self, moment):
        return any(
            start <= moment <= (end or time.time()) + GRACE for start, end in self.fault_windows
        )

    def record(self, kind, seconds, status, path, moment):
        """`moment`: when the answer arrived. A request sent just before an outage and
        answered during it (waiting several seconds in the queue under load) is an outage
        answer too."""
        with self.lock:
            self.times[kind].append(seconds)
            self.status[status] += 1
            if status >= 500:
                if self.in_fault(moment):
                    self.outage_answers[status] += 1
                else:
                    self.server_errors.append((round(moment, 1), status, path))


class Browser:
    """One person's HTTP client: cookies, CSRF token, new connection per request."""

    def __init__(self, stats, stop):
        self.stats, self.stop = stats, stop
        self.cookies = {}

    def request(self, method, path, kind, data=None):
        """(status, location, body); retries connection errors and 5xx until `stop`."""
        attempt = 0
        while True:
            started = time.time()
            try:
                connection = http.client.HTTPConnection(
                    "127.0.0.1", PROXY_PORT, timeout=REQUEST_TIMEOUT
                )
                headers = {"Connection": "close", "Host": "127.0.0.1"}
                if self.cookies:
                    headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
                body = None
                if data is not None:
                    body = urlencode(data, doseq=True)
                    headers["Content-Type"] = "application/x-www-form-urlencoded"
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                content = response.read().decode("utf-8", "replace")
                for header, value in response.getheaders():
                    if header.lower() == "set-cookie":
                        name, _, rest = value.partition("=")
                        self.cookies[name.strip()] = rest.split(";", 1)[0]
                status = response.status
                location = response.getheader("Location")
                connection.close()
            except (OSError, http.client.HTTPException):
                with self.stats.lock:
                    self.stats.connection_errors += 1
                status, location, content = None, None, ""
            if status is not None:
                self.stats.record(kind, time.time() - started, status, path, time.time())
                if status < 500:
                    return status, location, content
            attempt += 1
            if self.stop.is_set() and attempt > 3 or attempt > 200:
                return status or 0, None, ""
            time.sleep(min(5, 0.5 * attempt) + random.random())

    @staticmethod
    def csrf(content):
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        return match.group(1) if match else ""


def _attributes(tag):
    return {k.lower(): html.unescape(v) for k, v in re.findall(r'([\w-]+)="([^"]*)"', tag)}


def _blocks(content):
    """The questions of a page: (show_if conditions, fields {name: (kind, options)})."""
    parts = re.split(r'<div class="survey-question', content)[1:]
    blocks = []
    for part in parts:
        head = part[: part.find(">")]
        show_if = _attributes(head).get("data-show-if")
        fields = {}
        for tag in re.findall(r"<input[^>]*>", part):
            attrs = _attributes(tag)
            name, kind = attrs.get("name"), attrs.get("type", "text")
            if not name or kind == "hidden":
                continue
            entry = fields.setdefault(name, [kind, []])
            if kind in ("radio", "checkbox"):
                entry[1].append(attrs.get("value", ""))
            elif attrs.get("inputmode") == "decimal":
                entry[0] = "number"
        for name in re.findall(r'<textarea[^>]*name="([^"]+)"', part):
            fields[name] = ["textarea", []]
        for name, options in re.findall(
            r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', part, re.S
        ):
            values = [v for v in re.findall(r'<option value="([^"]*)"', options) if v]
            fields[name] = ["select", values]
        hint = re.search(r"Eine Zahl von ([\d.,]+) bis ([\d.,]+)", part)
        blocks.append((json.loads(show_if) if show_if else [], fields, hint))
    return blocks


def _holds(condition, data):
    values = data.get(condition["source"], [])
    values = [v for v in values if v.strip()]
    wanted = condition["values"]
    if not values:
        return False
    match condition["operator"]:
        case "equals":
            return sorted(values) == sorted(wanted)
        case "one_of":
            return any(v in wanted for v in values)
        case "contains":
            return all(w in values for w in wanted) or (
                len(values) == 1 and len(wanted) == 1 and wanted[0].lower() in values[0].lower()
            )
        case "greater" | "less":
            try:
                a, b = float(values[0].replace(",", ".")), float(wanted[0].replace(",", "."))
            except ValueError:
                return False
            return a > b if condition["operator"] == "greater" else a < b
    return False


def _number(text):
    return int(float(text.replace(".", "").replace(",", ".")))


def answers_for(content, rng):
    """What a person enters on a page: one answer for every question shown (conditions on the
    same page evaluated as the page's script does); returns (post data, answered fields)."""
    data, answered = {}, {}
    for show_if, fields, hint in _blocks(content):
        proposal = {}
        for name, (kind, options) in fields.items():
            if name.endswith("__other"):
                continue
            choices = [o for o in options if o not in ("other", "")]
            if kind in ("radio", "select") and choices or kind == "checkbox" and choices:
                proposal[name] = [rng.choice(choices)]
            elif kind == "number":
                low, high = (_number(hint.group(1)), _number(hint.group(2))) if hint else (1, 50)
                proposal[name] = [str(rng.randint(low, min(high, low + 40)))]
            elif kind == "date":
                proposal[name] = [
                    f"20{rng.randint(10, 24)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
                ]
            elif kind in ("text", "textarea"):
                proposal[name] = [rng.choice(["Sprachkurse", "Mehr Beratung", "Mentoring"])]
        visible = all(_holds(c, data) for c in show_if)
        if visible:
            data.update(proposal)
            answered.update(proposal)
    return data, answered


def respondent(browser: Browser, links, plan_lock, stats, acks, rng, stop):
    while not stop.is_set():
        with plan_lock:
            if not links:
                return
            token = links.pop()
        base = f"/befragung/t/{token}/"
        status, _, content = browser.request("GET", base, "Befragte: Seite")
        if status != 200:
            continue
        with stats.lock:
            stats.started += 1
        ack = acks.setdefault(token, {"fields": {}, "submitted": False})
        time.sleep(rng.uniform(*THINK))
        status, location, _ = browser.request(
            "POST",
            base,
            "Befragte: Speichern",
            {"csrfmiddlewaretoken": browser.csrf(content), "consent": "on"},
        )
        while location and not stop.is_set():
            path = urlsplit(location).path
            status, next_location, content = browser.request("GET", path, "Befragte: Seite")
            if status in (301, 302):
                location = next_location
                continue
            if status != 200:
                break
            if path.endswith("/danke/"):
                with stats.lock:
                    stats.submitted += 1
                break
            time.sleep(rng.uniform(*THINK))
            if path.endswith("/abschliessen/"):
                status, location, _ = browser.request(
                    "POST",
                    path,
                    "Befragte: Speichern",
                    {"csrfmiddlewaretoken": browser.csrf(content)},
                )
                if status == 302 and location and "/danke/" in location:
                    ack["submitted"] = True
                continue
            for _retry in range(3):
                data, answered = answers_for(content, rng)
                data.update(csrfmiddlewaretoken=browser.csrf(content), action="next")
                status, new_location, body = browser.request(
                    "POST", path, "Befragte: Speichern", data
                )
                if status == 302:
                    ack["fields"].update(answered)  # acknowledged: the server said "saved"
                    location = new_location
                    break
                if status == 400:
                    with stats.lock:
                        stats.validation_retries += 1
                    content = body
                    continue
                location = None
                break
            else:
                with stats.lock:
                    stats.stuck += 1
                location = None


def staff_member(browser: Browser, person, pages, stats, rng, stop):
    status, _, content = browser.request("GET", "/konto/anmelden/", "Team: Seite")
    status, location, _ = browser.request(
        "POST",
        "/konto/anmelden/",
        "Team: Anmelden",
        {
            "csrfmiddlewaretoken": browser.csrf(content),
            "username": person["username"],
            "password": person["password"],
        },
    )
    if status != 302:
        with stats.lock:
            stats.stuck += 1
        return
    while not stop.is_set():
        path = rng.choice(pages)
        status, location, _ = browser.request("GET", path, "Team: Seite")
        if status == 302 and location and "/konto/anmelden/" in location:
            with stats.lock:  # the session was not shared between the instances
                stats.server_errors.append((time.time(), "Anmeldung verloren", path))
        time.sleep(rng.uniform(*THINK))


# --- phases -------------------------------------------------------------------------------------


def percentile(values, share):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def health_monitor(stats, stop):
    while not stop.is_set():
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PROXY_PORT, timeout=10)
            connection.request("GET", "/gesundheit/", headers={"Connection": "close"})
            status = connection.getresponse().status
        except OSError:
            status = 0
        with stats.lock:
            stats.health.append((time.time(), status))
        stop.wait(2)


def phase(name, env, services, plan, links, faults):
    stats, stop = Stats(), threading.Event()
    acks: dict[str, dict] = {}
    plan_lock = threading.Lock()
    threads = []
    started = time.time()
    for n in range(RESPONDENTS):
        rng = random.Random(f"{name}-{n}")
        browser = Browser(stats, stop)
        threads.append(
            threading.Thread(
                target=respondent,
                args=(browser, links, plan_lock, stats, acks, rng, stop),
                daemon=True,
            )
        )
    for n, person in enumerate(plan["staff"]):
        rng = random.Random(f"{name}-staff-{n}")
        pages = plan["project_pages"] if person["project"] else plan["district_pages"]
        threads.append(
            threading.Thread(
                target=staff_member,
                args=(Browser(stats, stop), person, pages, stats, rng, stop),
                daemon=True,
            )
        )
    threads.append(threading.Thread(target=health_monitor, args=(stats, stop), daemon=True))
    for thread in threads:
        thread.start()
        time.sleep(min(0.05, DURATION / 4 / len(threads)))  # ramp up over a few seconds
    events = []
    if faults:
        from ikokmu import devdb

        time.sleep(max(0, started + DURATION / 3 - time.time()))
        outage_start = time.time()
        stats.fault_windows.append([outage_start, None])
        devdb.stop()
        events.append(f"Datenbank gestoppt bei {outage_start - started:.0f} s")
        time.sleep(OUTAGE_SECONDS)
        devdb._checked.clear()
        devdb.ensure_running()
        stats.fault_windows[-1][1] = time.time()
        events.append(f"Datenbank wieder gestartet nach {time.time() - outage_start:.0f} s")
        time.sleep(max(0, started + 2 * DURATION / 3 - time.time()))
        kill_start = time.time()
        stats.fault_windows.append([kill_start, None])
        services.kill("web0")
        events.append(f"Instanz 1 mit SIGKILL beendet bei {kill_start - started:.0f} s")
        time.sleep(10)
        services.start_instance(0)
        stats.fault_windows[-1][1] = time.time() + 10  # gunicorn needs a few seconds to start
        events.append("Instanz 1 neu gestartet 10 s später")
    time.sleep(max(0, started + DURATION - time.time()))
    stop.set()
    for thread in threads:
        thread.join(timeout=REQUEST_TIMEOUT + 30)
    elapsed = time.time() - started
    acks_path = WORK / f"acks-{name}.json"
    acks_path.write_text(json.dumps(acks))
    verdict = json.loads(run(env, "-m", "loadtest.verify", str(acks_path)).strip().splitlines()[-1])
    return report(name, stats, verdict, elapsed, events, services)


def report(name, stats, verdict, elapsed, events, services):
    requests = sum(stats.status.values())
    lines = [f"== {name} ({elapsed:.0f} s, {RESPONDENTS} Befragte, {STAFF} Team) =="]
    lines += [f"  {event}" for event in events]
    lines.append(
        f"  Anfragen: {requests} ({requests / elapsed:.1f}/s), Status: "
        + ", ".join(f"{k}: {v}" for k, v in sorted(stats.status.items()))
    )
    for kind, values in sorted(stats.times.items()):
        lines.append(
            f"  {kind:<22} n={len(values):>6}  p50 {percentile(values, 0.5) * 1000:>6.0f} ms  "
            f"p95 {percentile(values, 0.95) * 1000:>6.0f} ms  "
            f"max {max(values) * 1000:>6.0f} ms"
        )
    lines.append(
        f"  Serverfehler außerhalb der Störungen: {len(stats.server_errors)}"
        + (f" (erste: {stats.server_errors[:3]})" if stats.server_errors else "")
    )
    if stats.fault_windows:
        lines.append(
            "  Störungsantworten (während DB-Ausfall/Neustart, wiederholt): "
            + (", ".join(f"{k}: {v}" for k, v in sorted(stats.outage_answers.items())) or "keine")
        )
        health = sorted({status for _, status in stats.health})
        lines.append(f"  /gesundheit/ sah die Status {health}")
    lines.append(f"  Verbindungsabbrüche (wiederholt): {stats.connection_errors}")
    lines.append(
        f"  Fragebögen begonnen {stats.started}, abgeschickt {stats.submitted}; "
        f"400 wiederholt {stats.validation_retries}, steckengeblieben {stats.stuck}; "
        f"Worker-Neustarts {services.worker_restarts}"
    )
    lines.append(
        f"  Prüfung: {verdict['answers_checked']} bestätigte Antworten von "
        f"{verdict['respondents']} Befragten, verloren {verdict['lost']}, Abschicken verloren "
        f"{verdict['submits_lost']}, doppelte Antworten {verdict['duplicate_answers']}, "
        f"doppelte Antwortbögen {verdict['duplicate_responses']} "
        f"(Antwortbögen {verdict['responses']} / begonnene Einladungen "
        f"{verdict['invitations_started']})"
    )
    if verdict["lost_examples"]:
        lines.append(f"  Beispiele: {verdict['lost_examples']}")
    print("\n".join(lines), flush=True)
    lost = verdict["lost"] + verdict["submits_lost"] + verdict["duplicate_answers"]
    lost += verdict["duplicate_responses"] + stats.stuck
    return lost, len(stats.server_errors)


def main():
    env = environment()
    plan = prepare(env)
    links = list(plan["links"])
    random.Random(1).shuffle(links)
    services = Services(env)
    services.start_all()
    failed = False
    try:
        lost, errors = phase("Last", env, services, plan, links, faults=False)
        failed |= bool(lost or errors)
        lost, _errors = phase("Last mit Störungen", env, services, plan, links, faults=True)
        failed |= bool(lost)
    finally:
        services.stop_all()
    print("Lasttest " + ("FEHLGESCHLAGEN" if failed else "bestanden"), flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
