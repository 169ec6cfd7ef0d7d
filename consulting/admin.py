from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from consulting.models import ConsultingCase, PhaseChange
from ikokmu.admin import CappedTabularInline


class PhaseChangeInline(CappedTabularInline):
    model = PhaseChange
    extra = 0
    readonly_fields = ["from_phase", "to_phase", "reason", "changed_by", "changed_at"]
    can_delete = False


@admin.register(ConsultingCase)
class ConsultingCaseAdmin(SimpleHistoryAdmin):
    list_display = ["title", "organization", "district", "phase", "start_date"]
    list_filter = ["phase", "district"]
    list_select_related = ["organization", "district"]
    search_fields = ["title", "organization__name"]
    inlines = [PhaseChangeInline]
