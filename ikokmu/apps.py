from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _grant_app_privileges(sender, using, **kwargs) -> None:
    """After every migrate (and a test run's flush), the application role gets its privileges
    on the tables that exist now (ikokmu.db.base.grant_app_privileges)."""
    from django.db import connections

    from ikokmu.db.base import grant_app_privileges

    connection = connections[using]
    if hasattr(connection, "connect_as_owner"):
        grant_app_privileges(connection)


class IkokmuConfig(AppConfig):
    name = "ikokmu"
    verbose_name = _("Plattform")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        # Sent once per app after all migrations ran; only ikokmu's signal grants.
        post_migrate.connect(_grant_app_privileges, sender=self)

        from ikokmu import signals  # noqa: F401  (connects the audit trail)

        # Each app's access.py adds its URLs to the access policy.
        autodiscover_modules("access")
        from ikokmu.dashboard import NavEntry, Panel, register_nav, register_panel
        from ikokmu.queries import platform_figures
        from ikokmu.roles import Role

        project = frozenset({Role.PROJECT_TEAM})
        register_nav(NavEntry(_("Start"), "dashboard", frozenset({Role.AUTHENTICATED}), order=0))
        register_nav(NavEntry(_("Sicherheitsprotokoll"), "audit_log", project, order=900))
        register_nav(NavEntry(_("Verwaltung"), "admin:index", project, order=910))
        register_panel(
            Panel("panels/platform.html", project, lambda request: platform_figures(), order=900)
        )
