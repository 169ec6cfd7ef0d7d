"""What one save of a catalogue record changed, for its history (services and queries).

simple_history compares stored values with `!=`. Two kinds of value differ without a change a
user could see: the timestamps of every save, and lists of choices (target kinds, audiences,
levels) whose order is meaningless; a list written by the demo data or an older import in
another order than the form's checkboxes looked changed after an untouched save.
"""

import datetime
from decimal import Decimal

from django.db import models
from django.utils.formats import date_format, number_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from catalog.fields import ChoiceListField

IGNORED_FIELDS = ["created_at", "updated_at"]
VALUE_LENGTH = 60


def real_changes(newer, older, *, foreign_keys_are_objs: bool = False) -> list:
    """The ModelChanges between two history records that a user would call a change."""
    model = newer.instance_type
    delta = newer.diff_against(
        older, excluded_fields=IGNORED_FIELDS, foreign_keys_are_objs=foreign_keys_are_objs
    )
    return [change for change in delta.changes if not _same(model, change)]


def _same(model, change) -> bool:
    field = model._meta.get_field(change.field)
    if isinstance(field, ChoiceListField):
        return sorted(map(str, change.old or [])) == sorted(map(str, change.new or []))
    return False


def shown_value(model, change, which: str) -> str | None:
    """The old or new value of a short field as the user reads it, or None for long texts and
    links, whose change is only named."""
    field = model._meta.get_field(change.field)
    value = getattr(change, which)
    if field.many_to_many or isinstance(field, models.TextField):
        return None
    if isinstance(field, ChoiceListField):
        return ", ".join(field.labels(value)) or "–"
    if value in (None, ""):
        return "–"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        return str(value)  # real_changes(foreign_keys_are_objs=True) gives the object
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, datetime.date):
        return date_format(value, "d.m.Y")
    if isinstance(value, Decimal | float):
        return number_format(value)
    return "„" + Truncator(str(value)).chars(VALUE_LENGTH) + "“"
