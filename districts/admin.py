from django.contrib import admin

from districts.models import District, DistrictMembership
from ikokmu.admin import CappedTabularInline, HostileInputAdminMixin


class DistrictMembershipInline(CappedTabularInline):
    model = DistrictMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "official_key"]
    search_fields = ["name", "official_key"]
    inlines = [DistrictMembershipInline]


@admin.register(DistrictMembership)
class DistrictMembershipAdmin(HostileInputAdminMixin, admin.ModelAdmin):
    list_display = ["user", "district", "created_at"]
    list_select_related = ["user", "district"]
    autocomplete_fields = ["user", "district"]
