from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistrictsConfig(AppConfig):
    name = "districts"
    verbose_name = _("Landkreise")

    def ready(self) -> None:
        from districts import signals  # noqa: F401  (membership changes go to the audit trail)
        from districts.queries import district_overview_for
        from ikokmu.dashboard import Panel, register_panel
        from ikokmu.roles import Role

        register_panel(
            Panel(
                "districts/panels/districts.html",
                frozenset({Role.PROJECT_TEAM, Role.DISTRICT_STAFF}),
                lambda request: {"districts": district_overview_for(request.user)},
                order=100,
            )
        )
