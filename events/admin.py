from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from events.models import Event, PrivacyNotice


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "start_at", "status", "format"]
    list_filter = ["status", "format"]
    search_fields = ["title"]


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(admin.ModelAdmin):
    """A new text is a new version; a version someone agreed to is never edited."""

    list_display = ["version", "valid_from"]

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.registrations.exists()
