from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = _("Maßnahmenkatalog")

    def ready(self) -> None:
        import catalog.signals  # noqa: F401  (connects the receivers)
        from catalog.queries import catalog_figures
        from ikokmu.dashboard import NavEntry, Panel, register_nav, register_panel
        from ikokmu.roles import Role

        # The catalogue is public: visitors find it in the menu too.
        everyone = frozenset({Role.PUBLIC})
        register_nav(NavEntry(_("Maßnahmenkatalog"), "catalog:measure_list", everyone, order=200))
        register_nav(NavEntry(_("Wer hilft uns?"), "catalog:match", everyone, order=210))
        register_panel(
            Panel(
                "catalog/panels/catalog.html",
                frozenset({Role.PROJECT_TEAM}),
                lambda request: catalog_figures(),
                order=200,
            )
        )
