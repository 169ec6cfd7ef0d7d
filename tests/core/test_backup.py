"""`manage.py backup` and `manage.py restore`: a backup restored into an empty database holds
every record and every file again; a damaged archive or a full database is refused."""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from ikokmu.models import AuditEvent
from ikokmu.services import audit_record
from tests.factories import DistrictFactory, OrganizationFactory, sample_objects_in

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def media(tmp_path, settings):
    root = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": str(root)}},
    }
    return root


def database_url(role: str, password: str | None, database: str) -> str:
    params = connection.get_connection_params()
    host = params.get("host") or ""
    if host.startswith("/"):
        location = quote(host, safe="")
    else:
        location = f"{host}:{params.get('port') or 5432}"
    secret = f":{quote(password, safe='')}" if password else ""
    return f"postgres://{role}{secret}@{location}/{database}"


def table_fingerprints(cursor) -> dict[str, tuple[int, str]]:
    """Row count and a hash of all rows of every table, in a stable order."""
    cursor.execute("SET TimeZone TO 'UTC'")  # timestamps as text alike on both connections
    cursor.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1"
    )
    tables = [name for (name,) in cursor.fetchall()]
    fingerprints = {}
    for table in tables:
        cursor.execute(
            f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) "
            f'FROM "{table}" t'
        )
        fingerprints[table] = tuple(cursor.fetchone())
    return fingerprints


def files_in(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_an_empty_database_has_every_record_and_file(tmp_path, media):
    district = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
    sample_objects_in(district, "Bäckerei Huber")
    OrganizationFactory(district=district, name="Schreinerei Maier")
    audit_record(kind=AuditEvent.Kind.EXPORT, summary="Export vor der Sicherung")
    default_storage.save("beratung/7/zielvereinbarung.pdf", ContentFile(b"%PDF-1.7 " * 500))
    default_storage.save("interviews/audio/gespraech ä.ogg", ContentFile(os.urandom(20_000)))
    archive = tmp_path / "sicherung.tar"
    call_command("backup", output=archive, stdout=io.StringIO())

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert {entry["path"] for entry in manifest["files"]} == {
        "database.dump",
        "media/beratung/7/zielvereinbarung.pdf",
        "media/interviews/audio/gespraech ä.ogg",
    }
    assert all(len(entry["sha256"]) == 64 for entry in manifest["files"])
    assert archive.stat().st_mode & 0o077 == 0

    target = f"restore_{os.getpid()}"
    settings_dict = connection.settings_dict
    owner_password = (settings_dict.get("OWNER") or {}).get("PASSWORD") or settings_dict.get(
        "PASSWORD"
    )
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{target}"')
    restored_media = tmp_path / "wiederhergestellt"
    try:
        environment = {
            **os.environ,
            "DATABASE_URL": database_url(
                connection.app_role, settings_dict.get("APP_PASSWORD"), target
            ),
            "MIGRATION_DATABASE_URL": database_url(connection.owner_role, owner_password, target),
            "PRIVATE_MEDIA_ROOT": str(restored_media),
        }
        result = subprocess.run(
            [sys.executable, "manage.py", "restore", str(archive)],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        assert "Datenbank und 2 Dateien" in result.stdout

        params = {**connection.get_connection_params(), "dbname": target}
        params.pop("client_encoding", None)
        with psycopg2.connect(**params) as restored, restored.cursor() as cursor:
            restored_tables = table_fingerprints(cursor)
            cursor.execute(
                "SELECT has_table_privilege(%s, 'surveys_answer', 'INSERT'), "
                "has_table_privilege(%s, 'ikokmu_auditevent', 'UPDATE')",
                [connection.app_role, connection.app_role],
            )
            app_may_write, app_may_change_trail = cursor.fetchone()
        with connection.cursor() as cursor:
            original_tables = table_fingerprints(cursor)
        assert restored_tables == original_tables
        assert restored_tables["districts_organization"][0] >= 2
        assert restored_tables["ikokmu_auditevent"][0] >= 1
        assert files_in(restored_media) == files_in(media)
        if connection.app_role != connection.owner_role:
            assert (app_may_write, app_may_change_trail) == (True, False)

        # A second restore into the now full database is refused.
        again = subprocess.run(
            [sys.executable, "manage.py", "restore", str(archive)],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert again.returncode != 0
        assert "nicht leer" in again.stderr
    finally:
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_a_damaged_archive_is_refused_before_anything_is_restored(tmp_path, media):
    default_storage.save("beratung/1/bericht.pdf", ContentFile(b"%PDF original"))
    archive = tmp_path / "sicherung.tar"
    call_command("backup", output=archive, stdout=io.StringIO())
    damaged = tmp_path / "beschaedigt.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as sink:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.endswith("bericht.pdf"):
                data = b"%PDF verndert"
            sink.addfile(member, io.BytesIO(data))
    with pytest.raises(CommandError, match="Prüfsumme stimmt nicht"):
        call_command("restore", str(damaged), "--check")
    with pytest.raises(CommandError, match="Prüfsumme stimmt nicht"):
        call_command("restore", str(damaged))
    assert (media / "beratung/1/bericht.pdf").read_bytes() == b"%PDF original"
