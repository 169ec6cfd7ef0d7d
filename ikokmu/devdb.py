"""The embedded PostgreSQL server used when DATABASE_URL is unset.

pgserver ships PostgreSQL binaries inside a Python wheel, so a fresh machine needs no database
installation. The server lives in var/pgdata, listens only on a Unix socket inside that folder,
and keeps running between commands (starting it takes about a second, attaching to a running one
a few milliseconds). `manage.py devdb stop` stops it.
"""

import os
import subprocess
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PGDATA = BASE_DIR / "var" / "pgdata"
DATABASE_NAME = "ikokmu"
SUPERUSER = "postgres"


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


def _ensure_database(host: str) -> None:
    marker = PGDATA / ".ikokmu-database-created"
    if host in _checked or marker.exists():
        return
    exists = _psql(host, f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}'")
    if exists != "1":
        _psql(host, f'CREATE DATABASE "{DATABASE_NAME}"')
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


def url() -> str:
    host = socket_dir() or ensure_running()
    return f"postgresql://{SUPERUSER}@/{DATABASE_NAME}?host={host}"
