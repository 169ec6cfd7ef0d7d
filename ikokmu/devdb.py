"""The embedded PostgreSQL server used when DATABASE_URL is unset.

pgserver ships PostgreSQL binaries inside a Python wheel, so a fresh machine needs no database
installation. The server lives in var/pgdata, listens only on a Unix socket inside that folder,
and keeps running between commands (starting it takes about a second, attaching to a running one
a few milliseconds). `manage.py devdb stop` stops it.

Three roles, as in production (README "Datenbank-Rollen"): the server's superuser `postgres`
only creates the other two; `ikokmu_owner` owns the database and every table and runs the
migrations (and creates the test databases); the application connects as `ikokmu_app`, which
may read and write the tables but only SELECT and INSERT on the audit trail, and can neither
empty it, disable its triggers nor switch them off with session_replication_role.
"""

import os
import subprocess
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PGDATA = BASE_DIR / "var" / "pgdata"
DATABASE_NAME = "ikokmu"
SUPERUSER = "postgres"
OWNER_ROLE = "ikokmu_owner"
APP_ROLE = "ikokmu_app"
# Bumped when the bootstrap below changes, so existing var/pgdata folders are brought up to date.
_BOOTSTRAP_MARKER = ".ikokmu-roles-v1"


def _prepare_environment() -> None:
    # platformdirs warns on every import unless the runtime dir exists and is private.
    runtime = Path(os.environ.setdefault("XDG_RUNTIME_DIR", str(BASE_DIR / "var" / "run")))
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)


def _server():
    _prepare_environment()
    import pgserver

    PGDATA.parent.mkdir(parents=True, exist_ok=True)
    # cleanup_mode=None: the server outlives this process (runserver reloads, test runs).
    return pgserver.get_server(PGDATA, cleanup_mode=None)


def socket_dir() -> str | None:
    """The socket folder of a running embedded server, without starting one."""
    pid_file = PGDATA / "postmaster.pid"
    if not pid_file.exists():
        return None
    lines = pid_file.read_text().splitlines()
    # postmaster.pid: pid, data dir, start time, port, socket dir, listen addr, shm key, status
    if len(lines) < 8 or lines[7].strip() != "ready":
        return None
    try:
        os.kill(int(lines[0]), 0)
    except (ProcessLookupError, ValueError):
        return None
    except PermissionError:
        pass  # running as another system user (pgserver runs as 'pgserver' under root)
    return lines[4].strip() or None


def ensure_running() -> str:
    """Start the embedded server if needed and make sure the project database exists.

    Returns the socket folder to connect to.
    """
    host = socket_dir()
    if host is None:
        server = _server()
        host = server.get_postmaster_info().socket_dir
        if host is None:
            host = socket_dir()
    _ensure_database(host)
    return str(host)


def _psql(host: str, sql: str, database: str = "postgres") -> str:
    import pgserver._commands as commands

    return subprocess.run(
        [
            str(commands.POSTGRES_BIN_PATH / "psql"),
            "-h",
            host,
            "-U",
            SUPERUSER,
            "-d",
            database,
            "-tAqc",
            sql,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


_checked: set[str] = set()

_ROLES_SQL = f"""
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{OWNER_ROLE}') THEN
        CREATE ROLE {OWNER_ROLE} LOGIN CREATEDB;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN
        CREATE ROLE {APP_ROLE} LOGIN;
    END IF;
END $$;
"""

# A database made before the roles existed belongs to `postgres`: hand the schema and every
# table, view and function to the owner role (sequences follow their tables).
_REASSIGN_SQL = f"""
ALTER SCHEMA public OWNER TO {OWNER_ROLE};
DO $$ DECLARE r record; BEGIN
    FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
            AND pg_get_userbyid(c.relowner) <> '{OWNER_ROLE}' LOOP
        EXECUTE format('ALTER %s %s OWNER TO {OWNER_ROLE}',
            CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
            r.name);
    END LOOP;
    FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> '{OWNER_ROLE}' LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO {OWNER_ROLE}', r.name);
    END LOOP;
END $$;
"""


def _ensure_database(host: str) -> None:
    marker = PGDATA / _BOOTSTRAP_MARKER
    if host in _checked or marker.exists():
        return
    _psql(host, _ROLES_SQL)
    exists = _psql(host, f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}'")
    if exists != "1":
        _psql(host, f'CREATE DATABASE "{DATABASE_NAME}" OWNER {OWNER_ROLE}')
    else:
        _psql(host, f'ALTER DATABASE "{DATABASE_NAME}" OWNER TO {OWNER_ROLE}')
        _psql(host, _REASSIGN_SQL, database=DATABASE_NAME)
    # Test databases left by earlier runs must be droppable by the owner role that recreates them.
    for name in _psql(
        host, "SELECT datname FROM pg_database WHERE datname LIKE 'test\\_%' AND NOT datistemplate"
    ).splitlines():
        _psql(host, f'ALTER DATABASE "{name}" OWNER TO {OWNER_ROLE}')
    marker.touch()
    _checked.add(host)


def stop() -> bool:
    """Stop the embedded server; returns False if none was running."""
    if socket_dir() is None:
        return False
    _prepare_environment()
    import pgserver._commands as commands

    user = "pgserver" if os.geteuid() == 0 else None
    commands.pg_ctl(["-w", "stop"], pgdata=PGDATA, user=user)
    return True


def url(role: str = APP_ROLE, database: str = DATABASE_NAME) -> str:
    host = socket_dir() or ensure_running()
    return f"postgresql://{role}@/{database}?host={host}"
