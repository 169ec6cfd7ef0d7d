from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterviewsConfig(AppConfig):
    name = "interviews"
    verbose_name = _("Interviewstudie")

    def ready(self) -> None:
        from catalog.sections import MeasureSection, register_measure_section
        from ikokmu.dashboard import NavEntry, Panel, register_nav, register_panel
        from ikokmu.roles import Role
        from interviews.queries import panel_figures, published_examples_for_measure

        def measure_examples(measure, request):
            examples = list(published_examples_for_measure(measure))
            return {"examples": examples} if examples else {}

        # The catalogue's measure page shows the published examples that put the measure to use.
        register_measure_section(
            MeasureSection("interviews/sections/measure_examples.html", measure_examples, order=50)
        )

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
