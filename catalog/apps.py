from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = _("Maßnahmenkatalog")

    def ready(self) -> None:
        from catalog.queries import catalog_figures
        from ikokmu.dashboard import NavEntry, Panel, register_nav, register_panel
        from ikokmu.roles import Role

        signed_in = frozenset({Role.AUTHENTICATED})
        # The public reaches the catalogue through the links on its pages; the menu's entries
        # are for signed-in users (the menu shows no entries to visitors).
        register_nav(NavEntry(_("Maßnahmenkatalog"), "catalog:measure_list", signed_in, order=200))
        register_nav(NavEntry(_("Wer hilft uns?"), "catalog:match", signed_in, order=210))
        register_panel(
            Panel(
                "catalog/panels/catalog.html",
                frozenset({Role.PROJECT_TEAM}),
                lambda request: catalog_figures(),
                order=200,
            )
        )
