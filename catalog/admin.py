from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from catalog.models import FieldOfAction


@admin.register(FieldOfAction)
class FieldOfActionAdmin(SimpleHistoryAdmin):
    list_display = ["position", "name", "slug"]
    list_display_links = ["name"]
    prepopulated_fields = {"slug": ["name"]}
