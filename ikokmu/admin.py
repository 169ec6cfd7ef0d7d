from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from ikokmu.models import AuditEvent, LegalPage

# Form sets trust the TOTAL_FORMS the browser sends; Django builds up to max_num + 1000 forms
# from it. No record in the admin has this many related rows edited inline.
MAX_INLINE_FORMS = 100


class KnownInitialMixin:
    """Drops `?field=value` initial data of an add page that cannot name a related row.

    Django's autocomplete widget looks the initial value up as a primary key, and
    `?district=ab` was a ValueError (a server error) on the membership's add page.
    """

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for model_field in self.model._meta.fields:
            if model_field.is_relation and model_field.name in initial:
                try:
                    model_field.target_field.to_python(initial[model_field.name])
                except (ValidationError, TypeError, ValueError):
                    del initial[model_field.name]
        return initial


class CappedTabularInline(admin.TabularInline):
    """A tabular inline that builds at most MAX_INLINE_FORMS forms, whatever TOTAL_FORMS says,
    and refuses more with Django's message."""

    max_num = MAX_INLINE_FORMS

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("absolute_max", MAX_INLINE_FORMS)
        return super().get_formset(request, obj, **kwargs)


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
