"""Backup and restore of the whole platform: the database (pg_dump) and the private media folder
in one tar archive, with a manifest that lists every file with its size and SHA-256.

`manage.py backup` and `manage.py restore` (README "Sicherung und Wiederherstellung") call these.
Both work as the owner role (MIGRATION_DATABASE_URL, or the embedded server's owner), against the
embedded server or an external one. pg_dump and pg_restore come from pgserver's wheel, next to
the embedded server's postgres binary; PG_BIN_DIR names others (an external server newer than
PostgreSQL 16 needs its own).

The archive holds personal data: it is written readable by its owner only. SECRET_KEY is not in
it (the survey links are derived from it; README).
"""

import datetime
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.core.files.storage import default_storage
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "ikokmu-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media"
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is German and says why."""


def _bin_dir() -> Path:
    if os.environ.get("PG_BIN_DIR"):
        return Path(os.environ["PG_BIN_DIR"])
    import pgserver._commands

    return pgserver._commands.POSTGRES_BIN_PATH


def _tool(name: str) -> str:
    path = _bin_dir() / name
    if not path.exists():
        raise BackupError(f"{name} nicht gefunden in {path.parent} (PG_BIN_DIR prüfen).")
    return str(path)


def _tool_major(name: str) -> int:
    output = subprocess.run([_tool(name), "--version"], capture_output=True, text=True).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    return int(match.group(1)) if match else 0


def _owner_connection(using: str = "default"):
    connection = connections[using]
    connection.connect_as_owner()
    return connection


def _environment(connection) -> dict[str, str]:
    """libpq's environment for pg_dump/pg_restore: the owner role's connection."""
    params = connection.get_connection_params()
    env = {**os.environ, "PGDATABASE": params["dbname"], "PGCONNECT_TIMEOUT": "10"}
    for key, variable in [
        ("host", "PGHOST"),
        ("port", "PGPORT"),
        ("user", "PGUSER"),
        ("password", "PGPASSWORD"),
    ]:
        if params.get(key):
            env[variable] = str(params[key])
    return env


def _server_major(connection) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        return int(cursor.fetchone()[0]) // 10000


def _check_tool_version(connection, name: str) -> None:
    server, tool = _server_major(connection), _tool_major(name)
    if tool < server:
        raise BackupError(
            f"{name} ist Version {tool}, der Datenbankserver {server}: bitte mit PG_BIN_DIR "
            f"das Verzeichnis von {name} {server} oder neuer angeben."
        )


def media_root() -> Path:
    return Path(default_storage.location)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())


@dataclass
class Summary:
    path: Path
    files: int
    size: int


def backup_create(*, output: Path, using: str = "default") -> Summary:
    """Dump the database and copy the media folder into the tar archive `output`."""
    connection = _owner_connection(using)
    _check_tool_version(connection, "pg_dump")
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    root = media_root()
    with tempfile.TemporaryDirectory(prefix="ikokmu-backup-") as scratch:
        dump = Path(scratch) / DUMP
        result = subprocess.run(
            [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "-f", dump],
            env=_environment(connection),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_dump ist fehlgeschlagen: {result.stderr.strip()}")
        entries = [(DUMP, dump)] + [
            (str(PurePosixPath(MEDIA, *path.relative_to(root).parts)), path)
            for path in _media_files(root)
        ]
        recorder = MigrationRecorder(connection)
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database": {
                "name": connection.settings_dict["NAME"],
                "server_version": connection.pg_version,
            },
            "migrations": sorted(f"{app}.{name}" for app, name in recorder.applied_migrations()),
            "files": [
                {"path": name, "size": path.stat().st_size, "sha256": _sha256(path)}
                for name, path in entries
            ],
        }
        partial = output.with_name(output.name + ".part")
        # Personal data: readable by the owner only, from the first byte.
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle, tarfile.open(fileobj=handle, mode="w") as tar:
            data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o600
            tar.addfile(info, io.BytesIO(data))
            for name, path in entries:
                tar.add(path, arcname=name, recursive=False, filter=_private)
        partial.replace(output)
    return Summary(output, len(entries) - 1, output.stat().st_size)


def _private(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
    return info


def _read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        member = tar.getmember(MANIFEST)
        manifest = json.load(tar.extractfile(member))
    except (KeyError, ValueError, AttributeError) as error:
        raise BackupError("Das Archiv hat kein lesbares manifest.json.") from error
    if manifest.get("format") != FORMAT or manifest.get("version") != FORMAT_VERSION:
        raise BackupError("Das Archiv ist keine Sicherung dieser Plattform (Format unbekannt).")
    return manifest


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        not path.is_absolute()
        and ".." not in path.parts
        and (name == DUMP or (path.parts[0] == MEDIA and len(path.parts) > 1))
    )


def backup_verify(archive: Path) -> dict:
    """Check every file of the archive against the manifest; returns the manifest."""
    with tarfile.open(archive, mode="r:") as tar:
        manifest = _read_manifest(tar)
        listed = {entry["path"]: entry for entry in manifest.get("files", [])}
        if DUMP not in listed:
            raise BackupError("Im Archiv fehlt die Datenbanksicherung.")
        seen = set()
        for member in tar.getmembers():
            if member.name == MANIFEST:
                continue
            entry = listed.get(member.name)
            if entry is None or not member.isfile() or not _safe_name(member.name):
                raise BackupError(f"Unerwarteter Eintrag im Archiv: {member.name}")
            digest = hashlib.sha256()
            handle = tar.extractfile(member)
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
            if digest.hexdigest() != entry["sha256"] or member.size != entry["size"]:
                raise BackupError(f"Prüfsumme stimmt nicht: {member.name}")
            seen.add(member.name)
        missing = sorted(set(listed) - seen)
        if missing:
            raise BackupError(f"Im Archiv fehlen Dateien: {', '.join(missing[:5])}")
    return manifest


def _database_is_empty(connection) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')"
        )
        return cursor.fetchone()[0] == 0


def backup_restore(*, archive: Path, replace: bool = False, using: str = "default") -> Summary:
    """Restore an archive of backup_create: verify it whole first, then the database (as the
    owner role, the application role gets its privileges again) and the media files.

    Without `replace`, the database and the media folder must be empty."""
    from ikokmu.db.base import grant_app_privileges

    archive = Path(archive)
    manifest = backup_verify(archive)
    connection = _owner_connection(using)
    _check_tool_version(connection, "pg_restore")
    root = media_root()
    if not replace:
        if not _database_is_empty(connection):
            raise BackupError(
                "Die Datenbank ist nicht leer. Wiederherstellen nur in eine leere Datenbank "
                "oder mit --replace (ersetzt alles)."
            )
        if _media_files(root):
            raise BackupError(
                f"Der Dateiordner {root} ist nicht leer. Bitte leeren oder --replace angeben."
            )
    with (
        tempfile.TemporaryDirectory(prefix="ikokmu-restore-") as scratch,
        tarfile.open(archive, mode="r:") as tar,
    ):
        tar.extract(DUMP, scratch, filter="data")
        command = [
            _tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "-d",
            connection.get_connection_params()["dbname"],
        ]
        if replace:
            command[1:1] = ["--clean", "--if-exists"]
        connection.close()
        result = subprocess.run(
            [*command, str(Path(scratch) / DUMP)],
            env=_environment(connection),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_restore ist fehlgeschlagen: {result.stderr.strip()}")
        grant_app_privileges(connection)
        files = [e["path"] for e in manifest["files"] if e["path"] != DUMP]
        if replace and root.is_dir():
            shutil.rmtree(root)
        for name in files:
            target = root.joinpath(*PurePosixPath(name).parts[1:])
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(target.name + ".part")
            with tar.extractfile(name) as source, partial.open("wb") as sink:
                shutil.copyfileobj(source, sink, _CHUNK)
            partial.replace(target)
    return Summary(archive, len(files), archive.stat().st_size)


def default_archive_name() -> Path:
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path("var") / "backups" / f"ikokmu-{stamp}.tar"
