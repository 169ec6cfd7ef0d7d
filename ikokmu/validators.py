"""Shared validators: limits whose messages write numbers as the reader's language does, and
names without control characters."""

import re

from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _


class _LocalizedLimit:
    """Django's messages show the limit as Python writes it ("0.5"); German readers expect
    "0,5". The limit is formatted when the error is raised, in the request's language."""

    def __call__(self, value):
        cleaned = self.clean(value)
        limit = self.limit_value() if callable(self.limit_value) else self.limit_value
        if self.compare(cleaned, limit):
            params = {"limit_value": number_format(limit), "show_value": cleaned, "value": value}
            raise ValidationError(self.message, code=self.code, params=params)


@deconstructible(path="ikokmu.validators.MinValueValidator")
class MinValueValidator(_LocalizedLimit, validators.MinValueValidator):
    pass


@deconstructible(path="ikokmu.validators.MaxValueValidator")
class MaxValueValidator(_LocalizedLimit, validators.MaxValueValidator):
    pass


# C0 control characters other than tab, line feed and carriage return: no keyboard types them,
# XML (and so XLSX) cannot hold them, and one in an organisation's name broke its district's
# spreadsheet exports. ikokmu.exports drops them from what was stored before.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def validate_no_control_characters(value) -> None:
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            _("Bitte ohne Steuerzeichen (unsichtbare Sonderzeichen) eingeben."),
            code="control_characters",
        )


class NameField(models.CharField):
    """A name or title: a CharField that refuses control characters, in every model form and
    every import (both validate through the model field).

    It stays a plain CharField in migrations (deconstruct), since the check is no database
    rule; a validator in `validators=[...]` would have meant a migration for every name.
    """

    default_validators = [validate_no_control_characters]

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs
