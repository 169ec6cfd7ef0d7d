"""`manage.py migrate` as the role that owns the tables (MIGRATION_DATABASE_URL, or the embedded
server's owner role), whatever role the application itself connects as; afterwards the
application role is granted its privileges (ikokmu.apps, post_migrate)."""

from django.core.management.commands.migrate import Command as MigrateCommand
from django.db import connections


class Command(MigrateCommand):
    def handle(self, *args, **options):
        connection = connections[options["database"]]
        if hasattr(connection, "connect_as_owner"):
            connection.connect_as_owner()
        return super().handle(*args, **options)
