from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistrictsConfig(AppConfig):
    name = "districts"
    verbose_name = _("Landkreise")

    def ready(self) -> None:
        from districts import signals  # noqa: F401  (membership changes go to the audit trail)
        from districts.queries import district_overview_for
        from ikokmu.dashboard import NavEntry, Panel, register_nav, register_panel
        from ikokmu.roles import Role

        team_and_districts = frozenset({Role.PROJECT_TEAM, Role.DISTRICT_STAFF})
        register_nav(NavEntry(_("Landkreise"), "districts:list", team_and_districts, order=10))
        register_nav(
            NavEntry(
                _("Wiedervorlagen"),
                "districts:follow_ups",
                team_and_districts,
                order=20,
            )
        )
        register_nav(NavEntry(_("Suche"), "districts:search", team_and_districts, order=800))

        register_panel(
            Panel(
                "districts/panels/districts.html",
                team_and_districts,
                lambda request: {"districts": district_overview_for(request.user)},
                order=100,
            )
        )
