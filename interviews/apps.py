from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterviewsConfig(AppConfig):
    name = "interviews"
    verbose_name = _("Interviewstudie")

    def ready(self) -> None:
        from ikokmu.dashboard import NavEntry, Panel, register_nav, register_panel
        from ikokmu.roles import Role
        from interviews.queries import panel_figures

        teams = frozenset({Role.INTERVIEW_TEAM, Role.PROJECT_TEAM})
        register_nav(NavEntry(_("Interviewstudie"), "interviews:study_list", teams, order=40))
        register_panel(
            Panel(
                "interviews/panels/study.html",
                teams,
                lambda request: panel_figures(request.user),
                order=300,
            )
        )
