from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from ikokmu.models import AuditEvent, LegalPage

# Form sets trust the TOTAL_FORMS the browser sends; Django builds up to max_num + 1000 forms
# from it. No record in the admin has this many related rows edited inline.
MAX_INLINE_FORMS = 100


def _can_be_key(field, value) -> bool:
    """Whether `value` can be the key of a row in `field`'s column (a bigint at most)."""
    try:
        value = field.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return False
    return not isinstance(value, int) or -(2**63) <= value < 2**63


class KeyCheckingAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete widget looks the chosen value up as a key when it shows the form
    again; `user=ab` or a 20-digit number was a ValueError or a database error there."""

    def optgroups(self, name, value, attr=None):
        target = self.field.target_field
        return super().optgroups(name, [v for v in value if _can_be_key(target, v)], attr)


class HostileInputAdminMixin:
    """Admin pages that hold against values no row has: the initial data of an add page
    (`?district=ab`) and the values an autocomplete field shows again after a refusal."""

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for model_field in self.model._meta.fields:
            value = initial.get(model_field.name)
            relation = model_field.is_relation and value is not None
            if relation and not _can_be_key(model_field.target_field, value):
                del initial[model_field.name]
        return initial

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeyCheckingAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CappedTabularInline(HostileInputAdminMixin, admin.TabularInline):
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
