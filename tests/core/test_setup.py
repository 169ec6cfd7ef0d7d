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
    assert url.startswith("postgresql://ikokmu_app@/ikokmu?host=")
    owner_url = manage("devdb", "url", "--owner").stdout.strip()
    assert owner_url.startswith("postgresql://ikokmu_owner@/ikokmu?host=")


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


def test_an_external_server_runs_migrations_as_owner_and_the_application_as_another_role():
    """The README's recipe for an external server: two roles, DATABASE_URL for the application,
    MIGRATION_DATABASE_URL for migrate; runs against the machine's PostgreSQL on 5432."""
    probe = subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("no PostgreSQL server on 127.0.0.1:5432")
    suffix = f"{os.getpid()}"
    owner, app, database = f"ikokmu_owner_{suffix}", f"ikokmu_app_{suffix}", f"ikokmu_{suffix}"

    def admin(sql, db="postgres"):
        result = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-tAqc", sql],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    admin(f"CREATE ROLE {owner} LOGIN; CREATE ROLE {app} LOGIN")
    try:
        admin(f"CREATE DATABASE {database} OWNER {owner}")
        admin(f"ALTER SCHEMA public OWNER TO {owner}", db=database)
        environment = {
            "DATABASE_URL": f"postgres://{app}@127.0.0.1:5432/{database}",
            "MIGRATION_DATABASE_URL": f"postgres://{owner}@127.0.0.1:5432/{database}",
        }
        migrated = manage("migrate", "ikokmu", "--no-input", "-v", "0", env_extra=environment)
        assert migrated.returncode == 0, migrated.stderr
        code = (
            "from django.db import connection; c = connection.cursor(); "
            "c.execute('select current_user'); print(c.fetchone()[0])"
        )
        shell = manage("shell", "-c", code, env_extra=environment)
        assert shell.returncode == 0, shell.stderr
        assert shell.stdout.strip().splitlines()[-1] == app
        assert (
            admin(
                "SELECT tableowner FROM pg_tables WHERE tablename = 'ikokmu_auditevent'",
                db=database,
            )
            == owner
        )
        privileges = admin(
            "SELECT string_agg(privilege_type, ',' ORDER BY privilege_type) FROM "
            f"information_schema.role_table_grants WHERE grantee = '{app}' "
            "AND table_name = 'ikokmu_auditevent'",
            db=database,
        )
        assert privileges == "INSERT,SELECT"
    finally:
        admin(f"DROP DATABASE IF EXISTS {database}")
        admin(f"DROP ROLE IF EXISTS {app}; DROP ROLE IF EXISTS {owner}")


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


def test_host_and_port_of_make_run_set_the_site_address():
    code = "from django.conf import settings; print(settings.SITE_URL, settings.ALLOWED_HOSTS)"
    result = manage("shell", "-c", code, env_extra={"HOST": "0.0.0.0", "PORT": "8123"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("http://127.0.0.1:8123 ")
    result = manage("shell", "-c", code, env_extra={"HOST": "ikokmu.local", "PORT": "9000"})
    assert "http://ikokmu.local:9000 " in result.stdout
    assert "'ikokmu.local'" in result.stdout


@pytest.mark.django_db
def test_demo_data_can_be_loaded_twice_without_duplicates(capsys, settings):
    settings.SITE_URL = "http://127.0.0.1:8123"
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
    assert "Die Plattform läuft gleich unter http://127.0.0.1:8123/" in output
