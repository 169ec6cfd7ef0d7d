"""Small database building blocks for full-text search and multi-choice lists.

These stand in for django.contrib.postgres (SearchVectorField, GinIndex, ArrayField), which
Django only allows with that app in INSTALLED_APPS. They need nothing but PostgreSQL itself.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Lookup
from django.utils.translation import gettext_lazy as _


class TSVectorField(models.Field):
    """A PostgreSQL tsvector column, filled by the database (GeneratedField output)."""

    description = "PostgreSQL tsvector"

    def db_type(self, connection):
        return "tsvector"


@TSVectorField.register_lookup
class Matches(Lookup):
    """`search_vector__matches=<tsquery expression>`: the @@ operator."""

    lookup_name = "matches"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} @@ {rhs}", (*lhs_params, *rhs_params)


class GinIndex(models.Index):
    """An inverted (GIN) index, as full-text search and JSON containment want it."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        return super().create_sql(model, schema_editor, using=" USING gin", **kwargs)


class ChoiceListField(models.JSONField):
    """A list of choice values, stored as a JSON array (filter with `__contains=[value]`).

    Validation refuses values outside `choices_list`; a check constraint in the model says
    the same in the database.
    """

    def __init__(self, *args, choices_list=(), **kwargs):
        self.choices_list = list(choices_list)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        # The allowed values live in the code and in a check constraint; leaving them out here
        # keeps relabelling a choice from needing a migration.
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("default") is list:
            del kwargs["default"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if not isinstance(value, list):
            raise ValidationError(_("Bitte eine Liste von Werten angeben."), code="invalid")
        allowed = {str(code) for code, _label in self.choices_list}
        unknown = [item for item in value if str(item) not in allowed]
        if unknown:
            raise ValidationError(
                _("Unbekannter Wert: %(values)s"),
                code="invalid_choice",
                params={"values": ", ".join(map(str, unknown))},
            )

    def in_choice_order(self, value: list) -> list:
        """The values once each, in the order of the choices (unknown ones last)."""
        position = {str(code): index for index, (code, _label) in enumerate(self.choices_list)}
        return sorted(dict.fromkeys(value), key=lambda item: position.get(str(item), len(position)))

    def pre_save(self, model_instance, add):
        # One order for the same choices, whoever wrote them (form, import, demo data), so
        # that an unchanged list also compares equal.
        value = getattr(model_instance, self.attname)
        if isinstance(value, list):
            value = self.in_choice_order(value)
            setattr(model_instance, self.attname, value)
        return value

    def labels(self, value) -> list[str]:
        names = {str(code): str(label) for code, label in self.choices_list}
        return [names.get(str(item), str(item)) for item in value or []]
