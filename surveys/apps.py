from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Bedarfsbefragung")

    def ready(self) -> None:
        from ikokmu.dashboard import NavEntry, register_nav
        from ikokmu.roles import Role

        register_nav(
            NavEntry(
                _("Fragebögen"),
                "surveys:questionnaire_list",
                frozenset({Role.PROJECT_TEAM}),
                order=60,
            )
        )
