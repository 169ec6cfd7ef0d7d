"""Read-mostly admin views of the questionnaire data; the builder is where questionnaires are
edited (it keeps versions frozen once they have responses)."""

from django.contrib import admin

from ikokmu.admin import CappedTabularInline
from surveys.models import Invitation, Questionnaire, QuestionnaireVersion, Response, SurveyRound


class VersionInline(CappedTabularInline):
    model = QuestionnaireVersion
    fields = ["number", "languages", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]
    inlines = [VersionInline]


@admin.register(SurveyRound)
class SurveyRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "district", "version", "opens_at", "closes_at", "access"]
    list_filter = ["access", "district"]
    list_select_related = ["district", "version__questionnaire"]
    readonly_fields = ["open_token_hash"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["pk", "round", "organization", "created_at"]
    list_select_related = ["round", "organization"]
    readonly_fields = ["token_hash"]
    raw_id_fields = ["organization"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["pk", "round", "language", "started_at", "submitted_at"]
    list_filter = ["language"]
    list_select_related = ["round"]
    readonly_fields = [
        "round",
        "invitation",
        "resume_token_hash",
        "language",
        "consent_at",
        "furthest_position",
        "submitted_at",
    ]

    def has_add_permission(self, request):
        return False
