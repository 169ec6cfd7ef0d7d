"""The two-command set-up: embedded PostgreSQL, DATABASE_URL, production settings, demo data."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from districts.models import District, DistrictMembership

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, env_extra=None, env_remove=()):
    env = {**os.environ, **(env_extra or {})}
    for name in env_remove:
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_database_is_postgresql():
    assert connection.vendor == "postgresql"
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0


def test_devdb_reports_the_running_embedded_server():
    if os.environ.get("DATABASE_URL"):
        pytest.skip("runs against DATABASE_URL, no embedded server")
    result = manage("devdb", "status")
    assert result.returncode == 0, result.stderr
    assert "läuft" in result.stdout
    url = manage("devdb", "url").stdout.strip()
    assert url.startswith("postgresql://postgres@/ikokmu?host=")


def test_database_url_is_used_instead_of_the_embedded_server():
    # The machine's own PostgreSQL on 127.0.0.1:5432; skip where there is none.
    probe = subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("no PostgreSQL server on 127.0.0.1:5432")
    code = (
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('select inet_server_port()'); print(c.fetchone()[0])"
    )
    result = manage(
        "shell",
        "-c",
        code,
        env_extra={"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "5432"


def test_sqlite_is_refused():
    result = manage("check", env_extra={"DATABASE_URL": "sqlite:///var/x.sqlite3"})
    assert result.returncode != 0
    assert "nur mit PostgreSQL" in result.stderr


def test_production_settings_pass_the_deployment_check():
    production = {
        "DEBUG": "false",
        "SECRET_KEY": "k" * 20 + "-production-secret-with-enough-entropy-3f9a7c1e5b",
        "ALLOWED_HOSTS": "ikoekmu.example.org",
        "SITE_URL": "https://ikoekmu.example.org",
    }
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra=production,
        env_remove=["DJANGO_ALLOW_ASYNC_UNSAFE"],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", env_extra={"DEBUG": "false"}, env_remove=["SECRET_KEY"])
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_demo_data_can_be_loaded_twice_without_duplicates(capsys):
    call_command("seed_demo")
    first = (
        District.objects.count(),
        get_user_model().objects.count(),
        DistrictMembership.objects.count(),
    )
    call_command("seed_demo")
    second = (
        District.objects.count(),
        get_user_model().objects.count(),
        DistrictMembership.objects.count(),
    )
    assert first == second == (4, 4, 3)
    output = capsys.readouterr().out
    for username in ["projektteam", "interviewteam", "lra-muenchen", "lra-oberland"]:
        assert username in output
