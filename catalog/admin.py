from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from catalog.models import FieldOfAction, Label, LiteratureReference, Measure, Offer, Provider


@admin.register(FieldOfAction)
class FieldOfActionAdmin(SimpleHistoryAdmin):
    list_display = ["position", "name", "slug"]
    list_display_links = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Label)
class LabelAdmin(admin.ModelAdmin):
    """The words of the fixed vocabularies in each language ({"de": …, "en": …}); German is
    required, the others fall back to it, marked."""

    list_display = ["vocabulary", "code", "texts"]
    list_filter = ["vocabulary"]
    search_fields = ["code"]


# The catalogue is edited on its own pages (catalog.views); the admin is for repairs.
@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["title", "status", "effort", "last_reviewed", "updated_at"]
    list_filter = ["status", "effort", "fields_of_action"]
    search_fields = ["title", "summary"]
    filter_horizontal = ["fields_of_action", "offers", "references"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(Offer)
class OfferAdmin(SimpleHistoryAdmin):
    list_display = ["title", "provider", "offer_type", "status", "valid_until"]
    list_filter = ["status", "offer_type", "serves_all_bavaria"]
    search_fields = ["title", "description", "provider__name"]
    filter_horizontal = ["fields_of_action", "districts", "contacts"]
    list_select_related = ["provider"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(Provider)
class ProviderAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "serves_all_bavaria"]
    search_fields = ["name"]
    filter_horizontal = ["districts", "contacts"]


@admin.register(LiteratureReference)
class LiteratureReferenceAdmin(SimpleHistoryAdmin):
    list_display = ["authors", "year", "title"]
    search_fields = ["authors", "title"]
