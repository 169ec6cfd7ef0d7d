from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Bedarfsbefragung")

    def ready(self) -> None:
        from ikokmu.dashboard import NavEntry, Panel, register_nav, register_panel
        from ikokmu.roles import Role
        from surveys.queries import open_rounds_overview

        def running_rounds(request):
            return {"rounds": open_rounds_overview()}

        register_nav(
            NavEntry(
                _("Fragebögen"),
                "surveys:questionnaire_list",
                frozenset({Role.PROJECT_TEAM}),
                order=60,
            )
        )
        register_nav(
            NavEntry(
                _("Befragungsrunden"),
                "surveys:round_list",
                frozenset({Role.PROJECT_TEAM, Role.DISTRICT_STAFF}),
                order=61,
            )
        )
        register_nav(
            NavEntry(
                _("Landkreise im Vergleich"),
                "surveys:district_comparison",
                frozenset({Role.PROJECT_TEAM, Role.DISTRICT_STAFF}),
                order=62,
            )
        )
        register_panel(
            Panel(
                "surveys/panels/rounds.html",
                frozenset({Role.PROJECT_TEAM}),
                running_rounds,
                order=420,
            )
        )
