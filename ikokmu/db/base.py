"""PostgreSQL backend that starts the embedded server on the first connection.

Used only when DATABASE_URL is unset. Starting lazily, rather than in settings, keeps commands
that need no database (and `manage.py devdb status|stop`) from starting a server.
"""

from django.db.backends.postgresql import base

from ikokmu import devdb


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        params["host"] = devdb.ensure_running()
        params.pop("port", None)
        return params
