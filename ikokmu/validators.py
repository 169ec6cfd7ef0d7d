"""Validators whose messages write numbers as the reader's language does."""

from django.core import validators
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format


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
