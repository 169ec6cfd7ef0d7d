from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IkokmuConfig(AppConfig):
    name = "ikokmu"
    verbose_name = _("Plattform")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

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
