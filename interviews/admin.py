from django.contrib import admin

from ikokmu.admin import CappedTabularInline
from interviews.models import BestPractice, Code, Company, Interview, Study, StudyMember


class StudyMemberInline(CappedTabularInline):
    model = StudyMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Study)
class StudyAdmin(admin.ModelAdmin):
    list_display = ["title", "transcripts_delete_on", "key_delete_on"]
    inlines = [StudyMemberInline]


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    """Pseudonyms and attributes only: the pseudonym key is not in the admin on purpose."""

    list_display = ["pseudonym", "study", "sector", "size_class"]
    list_filter = ["study"]


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "mode", "consent_date", "consent_withdrawn_on"]
    list_select_related = ["company"]
    exclude = ["transcript", "audio"]


@admin.register(Code)
class CodeAdmin(admin.ModelAdmin):
    list_display = ["name", "study", "parent", "colour"]
    list_filter = ["study"]


@admin.register(BestPractice)
class BestPracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "published_at"]
    readonly_fields = ["status", "published_at"]
