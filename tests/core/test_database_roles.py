"""The application's database role cannot empty, change or switch off the audit trail.

The suite itself runs as the owner role (it creates and flushes the test database, as migrate
does); these tests open a second connection to the same test database as the role the
application connects with (settings DATABASES "USER": ikokmu_app in the embedded set-up, the
DATABASE_URL user otherwise) and try what an attacker with the application's connection would.
"""

import psycopg2
import pytest
from django.db import DatabaseError, connection, transaction
from django.test import TestCase

from ikokmu.db.base import AUDIT_TABLE
from ikokmu.models import AuditEvent
from ikokmu.services import audit_record


def app_connection():
    """A connection to the test database as the application role."""
    params = connection.get_connection_params()
    params["user"] = connection.app_role
    params.pop("password", None)
    app_password = connection.settings_dict.get("APP_PASSWORD")
    if app_password:
        params["password"] = app_password
    raw = psycopg2.connect(**params)
    raw.autocommit = True
    with raw.cursor() as cursor:
        # A refused statement must fail at once, never wait for the test's own transaction.
        cursor.execute("SET lock_timeout = '5s'")
    return raw


def refused(raw, sql: str) -> str:
    """Runs `sql` as the application role; returns PostgreSQL's error (the test fails if the
    statement succeeds)."""
    with raw.cursor() as cursor:
        try:
            cursor.execute(sql)
        except psycopg2.Error as error:
            return str(error)
    pytest.fail(f"the application role was allowed: {sql}")


class ApplicationRoleTests(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if connection.app_role == connection.owner_role:
            raise pytest.skip.Exception(
                "DATABASE_URL without MIGRATION_DATABASE_URL: the application is the owner"
            )

    def setUp(self):
        self.raw = app_connection()
        self.addCleanup(self.raw.close)

    def query(self, sql, params=()):
        with self.raw.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def test_the_application_role_is_no_superuser_and_owns_none_of_the_audit_objects(self):
        role = connection.app_role
        self.assertEqual(self.query("SELECT current_user")[0][0], role)
        [(superuser, create_role, create_db, bypass_rls)] = self.query(
            "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles "
            "WHERE rolname = current_user"
        )
        self.assertEqual((superuser, create_role, create_db, bypass_rls), (False,) * 4)
        owners = self.query(
            "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = %s "
            "UNION ALL SELECT pg_get_userbyid(proowner) FROM pg_proc "
            "WHERE proname = 'ikokmu_auditevent_append_only'",
            [AUDIT_TABLE],
        )
        self.assertEqual(len(owners), 2)
        self.assertNotIn(role, {owner for (owner,) in owners})

    def test_the_application_role_may_only_add_to_and_read_the_audit_trail(self):
        privileges = self.query(
            "SELECT privilege_type FROM information_schema.role_table_grants "
            "WHERE table_name = %s AND grantee = current_user ORDER BY 1",
            [AUDIT_TABLE],
        )
        self.assertEqual([p for (p,) in privileges], ["INSERT", "SELECT"])
        with self.raw.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute(
                f"INSERT INTO {AUDIT_TABLE} (occurred_at, kind, actor_username, summary, detail) "
                "VALUES (now(), 'export', '', 'von der Anwendung', '{}') RETURNING id"
            )
            new_id = cursor.fetchone()[0]
            cursor.execute(f"SELECT summary FROM {AUDIT_TABLE} WHERE id = %s", [new_id])
            self.assertEqual(cursor.fetchone()[0], "von der Anwendung")
            cursor.execute("ROLLBACK")

    def test_the_application_role_cannot_truncate_update_or_delete_the_audit_trail(self):
        for sql in [
            f"TRUNCATE {AUDIT_TABLE}",
            f"UPDATE {AUDIT_TABLE} SET summary = 'verändert'",
            f"DELETE FROM {AUDIT_TABLE}",
        ]:
            with self.subTest(sql=sql):
                self.assertIn("permission denied", refused(self.raw, sql))

    def test_the_application_role_cannot_switch_off_the_triggers(self):
        for sql in [
            f"ALTER TABLE {AUDIT_TABLE} DISABLE TRIGGER ALL",
            f"ALTER TABLE {AUDIT_TABLE} DISABLE TRIGGER ikokmu_auditevent_append_only",
            f"DROP TRIGGER ikokmu_auditevent_no_truncate ON {AUDIT_TABLE}",
            "CREATE OR REPLACE FUNCTION ikokmu_auditevent_append_only() RETURNS trigger "
            "AS $$ BEGIN RETURN NULL; END; $$ LANGUAGE plpgsql",
            "SET session_replication_role = replica",
            "SET SESSION AUTHORIZATION DEFAULT; SET ROLE postgres",
        ]:
            with self.subTest(sql=sql):
                error = refused(self.raw, sql)
                self.assertTrue("permission denied" in error or "must be owner" in error, error)

    def test_the_application_role_may_read_and_write_every_other_table(self):
        rows = self.query(
            "SELECT c.relname, has_table_privilege(current_user, c.oid, 'SELECT'), "
            "has_table_privilege(current_user, c.oid, 'INSERT'), "
            "has_table_privilege(current_user, c.oid, 'UPDATE, DELETE'), "
            "has_table_privilege(current_user, c.oid, 'TRUNCATE') "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind = 'r'"
        )
        self.assertGreater(len(rows), 50)
        for table, select, insert, change, truncate in rows:
            with self.subTest(table=table):
                self.assertTrue(select)
                self.assertFalse(truncate)
                self.assertEqual(insert, table != "django_migrations")
                # has_table_privilege with a list: any of them (so neither UPDATE nor DELETE).
                self.assertEqual(change, table not in {AUDIT_TABLE, "django_migrations"})


class AuditTruncateTriggerTests(TestCase):
    def test_even_the_owner_role_cannot_truncate_the_audit_trail(self):
        audit_record(kind=AuditEvent.Kind.EXPORT, summary="Export der Antworten")
        with (
            self.assertRaisesMessage(DatabaseError, "TRUNCATE"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(f"TRUNCATE {AUDIT_TABLE}")
        self.assertTrue(AuditEvent.objects.filter(summary="Export der Antworten").exists())
