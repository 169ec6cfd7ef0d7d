from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ikokmu.models import AuditEvent, LegalPage


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is append-only, the database refuses changes anyway."""

    list_display = ["occurred_at", "kind", "actor_username", "summary", "ip_address"]
    list_filter = ["kind"]
    search_fields = ["actor_username", "summary"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LegalPage)
class LegalPageAdmin(SimpleHistoryAdmin):
    list_display = ["title", "slug", "updated_at"]
