from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultingConfig(AppConfig):
    name = "consulting"
    verbose_name = _("Beratung")

    def ready(self) -> None:
        from consulting.models import Phase
        from consulting.queries import cases_in_districts_of, cases_visible_to
        from ikokmu.dashboard import NavEntry, Panel, register_nav, register_panel
        from ikokmu.roles import Role

        project = frozenset({Role.PROJECT_TEAM})
        labels = dict(Phase.choices)

        def my_cases(request):
            cases = (
                cases_visible_to(request.user)
                .exclude(phase=Phase.CANCELLED)
                .filter(advisers=request.user)
                .values("pk", "organization__name", "district__name", "phase")[:10]
            )
            return {
                "cases": [{**c, "phase_label": labels[c["phase"]]} for c in cases],
                "linked": True,
                "empty": _("Sie beraten derzeit keinen Fall."),
            }

        def district_cases(request):
            cases = cases_in_districts_of(request.user)
            return {
                "cases": [{**c, "phase_label": labels[c["phase"]]} for c in cases],
                "linked": False,
                "empty": _("In Ihren Landkreisen läuft derzeit keine Beratung."),
            }

        register_nav(NavEntry(_("Beratung"), "consulting:case_list", project, order=50))
        register_nav(NavEntry(_("Nächste Schritte"), "consulting:next_steps", project, order=55))
        register_panel(Panel("consulting/panels/cases.html", project, my_cases, order=400))
        register_panel(
            Panel(
                "consulting/panels/cases.html",
                frozenset({Role.DISTRICT_STAFF}),
                district_cases,
                order=410,
            )
        )
