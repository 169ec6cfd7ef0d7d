"""The platform's PostgreSQL backend: two database roles, and the embedded server.

Used for the embedded server and for DATABASE_URL alike (settings). The application connects as
a role that owns nothing (settings "USER"); migrations, test databases, backup and restore run as
the role that owns the tables (settings "OWNER", from MIGRATION_DATABASE_URL or the embedded
server's owner role). The owner's credentials are swapped in by `connect_as_owner()`; the
connection settings dict is shared by every connection to the alias, so the whole process then
works as the owner (which is what `migrate` and a test run want).

With "EMBEDDED" set, the first connection starts the embedded server in var/pgdata: starting
lazily, rather than in settings, keeps commands that need no database (and `manage.py devdb
status|stop`) from starting a server.
"""

from django.db.backends.postgresql import base, creation, operations

from ikokmu import devdb

AUDIT_TABLE = "ikokmu_auditevent"
AUDIT_TRUNCATE_TRIGGER = "ikokmu_auditevent_no_truncate"
# Tables the application reads but never writes.
READ_ONLY_TABLES = {"django_migrations"}

_OWNER_KEYS = ("USER", "PASSWORD", "HOST", "PORT")


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = super().sql_flush(
            style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        # Transactional tests empty every table between tests (flush). Only in a test database
        # does the owner lift the audit trail's TRUNCATE guard for that one statement; a
        # `manage.py flush` anywhere else is refused by the trigger and the trail survives.
        if statements and AUDIT_TABLE in tables and self.connection.is_test_database:
            table = self.quote_name(AUDIT_TABLE)
            return [
                f"ALTER TABLE {table} DISABLE TRIGGER {AUDIT_TRUNCATE_TRIGGER};",
                *statements,
                f"ALTER TABLE {table} ENABLE TRIGGER {AUDIT_TRUNCATE_TRIGGER};",
            ]
        return statements


class DatabaseCreation(creation.DatabaseCreation):
    def create_test_db(self, *args, **kwargs):
        # A test database is created, migrated, used and dropped by the owner role, like the
        # real one; tests/core/test_database_roles.py connects as the application role.
        self.connection.connect_as_owner()
        self.connection.settings_dict["IS_TEST_DATABASE"] = True
        return super().create_test_db(*args, **kwargs)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
    creation_class = DatabaseCreation

    @property
    def is_test_database(self) -> bool:
        return bool(self.settings_dict.get("IS_TEST_DATABASE"))

    @property
    def app_role(self) -> str:
        """The role the application connects as (the one granted privileges after migrate)."""
        return self.settings_dict.get("APP_USER") or self.settings_dict["USER"]

    @property
    def owner_role(self) -> str:
        return (self.settings_dict.get("OWNER") or {}).get("USER") or self.settings_dict["USER"]

    def connect_as_owner(self) -> None:
        """From now on, connections of this alias in this process log in as the owner role."""
        owner = {k: v for k, v in (self.settings_dict.get("OWNER") or {}).items() if v}
        changed = {k: v for k, v in owner.items() if self.settings_dict.get(k) != v}
        if not changed:
            return
        self.close()
        self.settings_dict.update(changed)

    def get_connection_params(self):
        params = super().get_connection_params()
        if self.settings_dict.get("EMBEDDED"):
            params["host"] = devdb.ensure_running()
            params.pop("port", None)
        return params


def owner_settings(settings_dict: dict) -> dict:
    """The owner role's connection settings (user, password, host, port, database name)."""
    merged = {key: settings_dict.get(key) for key in (*_OWNER_KEYS, "NAME")}
    merged.update({k: v for k, v in (settings_dict.get("OWNER") or {}).items() if v})
    return merged


def grant_app_privileges(connection) -> bool:
    """Give the application role what it needs and no more: read and write every table, but
    only SELECT and INSERT on the audit trail and only SELECT on the migration history.

    Runs as the owner after every migrate (ikokmu.apps), so tables added later are covered.
    Returns False when the application connects as the owner itself (a one-role set-up, where
    only the triggers protect the audit trail)."""
    app, owner = connection.app_role, connection.settings_dict["USER"]
    if not app or app == owner:
        return False
    quote = connection.ops.quote_name
    role = quote(app)
    with connection.cursor() as cursor:
        statements = [
            f"GRANT USAGE ON SCHEMA public TO {role}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
            f"REVOKE ALL ON {quote(AUDIT_TABLE)} FROM {role}",
            f"GRANT SELECT, INSERT ON {quote(AUDIT_TABLE)} TO {role}",
        ]
        for table in READ_ONLY_TABLES:
            statements += [
                f"REVOKE ALL ON {quote(table)} FROM {role}",
                f"GRANT SELECT ON {quote(table)} TO {role}",
            ]
        for statement in statements:
            cursor.execute(statement)
    return True
