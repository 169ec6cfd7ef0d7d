"""The platform's spreadsheet import: upload, preview with a reason for every bad row, confirm.

An app offers an import by writing an `ImportResource` (django-import-export, German column
names) and a view:

    class OrganizationImportView(ImportView):
        resource_class = OrganizationResource
        title = _("Organisationen importieren")
        def get_resource_kwargs(self): return {"district": self.district}
        def get_success_url(self): return reverse(...)

One URL serves all three steps. Nothing reaches the target tables before the user confirms:
the preview runs the import as a dry run without writing, and the uploaded rows wait in
`PendingImport`. On confirmation the valid rows are imported in one transaction; invalid rows are
left out (the preview said so).
"""

import logging
import re
import uuid
from datetime import date, timedelta

import tablib
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, models, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from import_export import resources, widgets
from import_export.results import RowResult

from ikokmu.models import PendingImport
from ikokmu.spreadsheets import MAX_BYTES, SpreadsheetError, read_table
from ikokmu.uploads import UploadField

PREVIEW_ROWS = 200

logger = logging.getLogger(__name__)


def normalize(value) -> str:
    """Compare spreadsheet values forgivingly: case, spaces and the kind of dash don't matter."""
    text = str(value or "").replace("–", "-").replace("—", "-")
    return " ".join(text.split()).casefold()


class CachedForeignKeyWidget(widgets.ForeignKeyWidget):
    """ForeignKeyWidget that loads the candidates once per import instead of once per row,
    matching case- and space-insensitively, with a German message for unknown values."""

    def __init__(self, model, field="pk", queryset=None, **kwargs):
        super().__init__(model, field=field, **kwargs)
        self._queryset = queryset
        self._cache = None

    def reset(self, queryset=None):
        if queryset is not None:
            self._queryset = queryset
        self._cache = None

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if self._cache is None:
            queryset = self._queryset if self._queryset is not None else self.model.objects.all()
            self._cache = {normalize(getattr(obj, self.field)): obj for obj in queryset}
        try:
            return self._cache[normalize(value)]
        except KeyError:
            raise ValueError(_("„%(value)s“ ist unbekannt.") % {"value": value}) from None


class ChoiceWidget(widgets.Widget):
    """Accepts a choice by its German label or its code, case-insensitively; exports the label."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.labels = {str(code): str(label) for code, label in choices}
        self.lookup = {}
        for code, label in self.labels.items():
            self.lookup[normalize(code)] = code
            self.lookup[normalize(label)] = code
            # "C – Verarbeitendes Gewerbe" is also found as "Verarbeitendes Gewerbe".
            if " – " in label:
                self.lookup.setdefault(normalize(label.split(" – ", 1)[1]), code)

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return ""
        try:
            return self.lookup[normalize(value)]
        except KeyError:
            allowed = ", ".join(self.labels.values())
            raise ValueError(
                _("„%(value)s“ ist kein zulässiger Wert (erlaubt: %(allowed)s).")
                % {"value": value, "allowed": allowed}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return self.labels.get(str(value), value or "")


class GermanDateWidget(widgets.DateWidget):
    """A date as German offices write it (31.12.2026); also ISO and Excel's date cells."""

    def __init__(self, **kwargs):
        super().__init__(format="%d.%m.%Y", **kwargs)
        # "%Y-%m-%d %H:%M:%S": a date cell of an .xlsx file, read as text (ikokmu.spreadsheets).
        self.formats = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y", "%Y-%m-%d %H:%M:%S")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, date) or value in (None, ""):
            return super().clean(value, row=row, **kwargs)
        try:
            return super().clean(str(value).strip(), row=row, **kwargs)
        except ValueError:
            # import-export's own message is English and does not say which format we expect.
            raise ValueError(
                _("„%(value)s“ ist kein Datum (TT.MM.JJJJ).") % {"value": value}
            ) from None


_WHOLE_NUMBER = re.compile(r"[+-]?\d+(?:[.,]0+)?")


class GermanIntegerWidget(widgets.Widget):
    """A whole number; "2024,5" and "zwanzig" are refused with a German message.

    import-export's IntegerWidget rounds "2024,5" down and lets a word through as a raw
    decimal.InvalidOperation. "2024.0" is accepted: that is how a number cell of an .xlsx
    file can arrive as text.
    """

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = str(value).strip()
        if not _WHOLE_NUMBER.fullmatch(text):
            raise ValueError(_("„%(value)s“ ist keine ganze Zahl.") % {"value": value})
        return int(re.split(r"[.,]", text)[0])

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class ImportResource(resources.ModelResource):
    """Base of our import resources: fast, and a re-import of the same file changes nothing.

    - Existing records are matched by `natural_key_fields` (the model's unique key), looked up
      in a dictionary built once before the import: no query per row.
    - Rows are validated by the model's own field validation and clean(); unique keys are
      checked against the database dictionary and within the file, not with a query per row.
    - Unchanged rows are skipped; new and changed rows are saved in bulk.
    """

    natural_key_fields: tuple[str, ...] = ()

    class Meta:
        use_bulk = True
        batch_size = 1000
        # import-export's own diff deep-copies every instance (4 s for 10,000 rows); unchanged
        # rows are recognised from a snapshot instead (skip_row below).
        skip_diff = True
        report_skipped = True
        clean_model_instances = True

    #: The user named in the records' history (simple_history); ImportView sets it.
    history_user = None

    def _has_history(self) -> bool:
        return hasattr(self._meta.model, "history")

    def _history_columns(self) -> list[str] | None:
        """The record columns the history table copies, if it copies only plain columns."""
        model = self._meta.model
        history = model.history.model
        own = {
            "history_id",
            "history_date",
            "history_change_reason",
            "history_type",
            "history_user",
        }
        source = {f.column for f in model._meta.concrete_fields if not f.generated}
        columns = [f.column for f in history._meta.concrete_fields if f.name not in own]
        return columns if all(column in source for column in columns) else None

    def _write_history(self, instances, history_type: str) -> None:
        """History rows for bulk-saved records in one INSERT … SELECT.

        simple_history's bulk helpers build a Python object per history row, which was half of
        a 10,000-row import; copying the saved rows inside the database gives the same rows.
        """
        model = self._meta.model
        columns = self._history_columns()
        if columns is None:  # a history with extra fields: let simple_history fill them
            model.history.bulk_history_create(
                instances,
                update=history_type == "~",
                default_user=self.history_user,
                default_change_reason=_("Import"),
            )
            return
        quote = connection.ops.quote_name
        column_list = ", ".join(quote(c) for c in columns)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quote(model.history.model._meta.db_table)} ({column_list}, "
                "history_date, history_change_reason, history_type, history_user_id) "
                f"SELECT {column_list}, %s, %s, %s, %s FROM {quote(model._meta.db_table)} "
                f"WHERE {quote(model._meta.pk.column)} = ANY(%s)",
                [
                    timezone.now(),
                    str(_("Import")),
                    history_type,
                    getattr(self.history_user, "pk", None),
                    [obj.pk for obj in instances],
                ],
            )

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """Like import-export's, but writes the history rows too: bulk_create sends no signals,
        and every change to a record must show up in its history."""
        if dry_run:
            # import-export turns a dry run into a rolled-back transaction and would insert and
            # discard every row; the preview needs no writes at all (about 2 s for 10,000 rows).
            self.create_instances.clear()
            return None
        if not (self._has_history() and self.create_instances):
            return super().bulk_create(
                using_transactions, dry_run, raise_errors, batch_size=batch_size, result=result
            )
        try:
            created = self._meta.model.objects.bulk_create(
                self.create_instances, batch_size=batch_size
            )
            self._write_history(created, "+")
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if dry_run:
            self.update_instances.clear()
            return None
        if not (self._has_history() and self.update_instances):
            return super().bulk_update(
                using_transactions, dry_run, raise_errors, batch_size=batch_size, result=result
            )
        try:
            self._meta.model.objects.bulk_update(
                self.update_instances, self.get_bulk_update_fields(), batch_size=batch_size
            )
            self._write_history(self.update_instances, "~")
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            self.update_instances.clear()

    def key_of_instance(self, instance) -> tuple:
        return tuple(
            normalize(getattr(instance, f"{name}_id", None) or getattr(instance, name))
            for name in self.natural_key_fields
        )

    def before_import(self, dataset, **kwargs):
        known = {field.column_name for field in self.get_import_fields()}
        if not known.intersection(dataset.headers or []):
            # Not one expected heading: a stylesheet, a letter or another list saved as .csv.
            # "Diese Spalten fehlen: …" would send the user looking for typing errors. The page
            # lists the expected columns above the form.
            raise ValidationError(
                _(
                    "Die Datei ist keine lesbare CSV- oder Excel-Tabelle für diesen Import: In der "
                    "ersten Zeile steht keine der erwarteten Spaltenüberschriften."
                )
            )
        missing = [
            field.column_name
            for name, field in self.fields.items()
            if name in self.natural_key_fields
            and field.column_name not in dataset.headers
            and not self.key_field_has_default(name)
        ]
        if missing:
            raise ValidationError(
                ngettext(
                    "Diese Spalte fehlt: %(columns)s",
                    "Diese Spalten fehlen: %(columns)s",
                    len(missing),
                )
                % {"columns": ", ".join(missing)}
            )
        self._existing = {self.key_of_instance(obj): obj for obj in self.get_queryset()}
        self._snapshots = {obj.pk: self.values_of(obj) for obj in self._existing.values()}
        self._seen_in_file: dict[tuple, int] = {}
        self._row_number = 0

    def values_of(self, instance) -> tuple:
        """The imported fields' values, to tell whether a row changes anything."""
        values = []
        for field in self.get_import_fields():
            value = getattr(instance, field.attribute, None)
            values.append(value.pk if isinstance(value, models.Model) else value)
        return tuple(values)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or instance.pk is None:
            return False
        return self._snapshots.get(instance.pk) == self.values_of(instance)

    def key_field_has_default(self, name: str) -> bool:
        """A key field the view fills in (like the district of a district's import)."""
        return False

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        """Like import-export's, but a value a widget cannot convert (decimal's
        InvalidOperation, a TypeError) becomes the row's German error for that column instead
        of a Python exception in the preview."""
        try:
            super().import_field(field, instance, row, is_m2m, **kwargs)
        except (ValueError, ValidationError):
            raise
        except (ArithmeticError, TypeError) as error:
            raise ValueError(
                _("„%(value)s“ lässt sich nicht lesen.") % {"value": row.get(field.column_name)}
            ) from error

    def get_or_init_instance(self, instance_loader, row):
        """The existing record with the row's key, or the new instance built to compute it."""
        candidate = self.init_instance(row)
        try:
            for name in self.natural_key_fields:
                if name in self.fields and self.fields[name].column_name in row:
                    self.import_field(self.fields[name], candidate, row)
        except Exception:
            return candidate, True  # the row's own validation will say what is wrong
        existing = self._existing.get(self.key_of_instance(candidate))
        return (existing, False) if existing is not None else (candidate, True)

    def import_row(self, row, instance_loader, **kwargs):
        self._row_number = kwargs.get("row_number", 0)
        return super().import_row(row, instance_loader, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        try:
            # Foreign keys come from the import's own lookups (or the view), so they exist; the
            # per-row existence query of ForeignKey.validate would cost a query per row.
            relations = [f.name for f in instance._meta.fields if f.is_relation]
            instance.full_clean(
                exclude=[*errors, *relations], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if not errors:
            key = self.key_of_instance(instance)
            first = self._seen_in_file.setdefault(key, self._row_number)
            if first != self._row_number:
                errors[self.natural_key_fields[0]] = [
                    _("Dieser Eintrag steht schon in Zeile %(line)s der Datei.")
                    % {"line": first + 1}
                ]
            elif instance.pk is None and key in self._existing:
                errors[self.natural_key_fields[0]] = [_("Diesen Eintrag gibt es schon.")]
        if errors:
            raise ValidationError(errors)


class UploadForm(forms.Form):
    file = UploadField(
        max_bytes=MAX_BYTES,
        label=gettext_lazy("Datei (CSV oder Excel)"),
        help_text=gettext_lazy(
            "CSV mit Semikolon oder Komma, in UTF-8 oder Windows-1252, oder .xlsx; "
            "erste Zeile mit den Spaltenüberschriften."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.dataset = read_table(upload)
        except SpreadsheetError as error:
            raise ValidationError(str(error)) from error
        if not len(self.dataset):
            raise ValidationError(_("Die Datei enthält nur Überschriften und keine Zeilen."))
        return upload


def _messages_of(error: ValidationError, resource) -> list[str]:
    """'Spalte: Meldung' texts for a row's validation error."""
    columns = {name: field.column_name for name, field in resource.fields.items()}
    texts = []
    if hasattr(error, "error_dict"):
        for name, field_errors in error.error_dict.items():
            label = columns.get(name, "") if name != "__all__" else ""
            for message in ValidationError(field_errors).messages:
                texts.append(f"{label}: {message}" if label else message)
    else:
        texts.extend(error.messages)
    return texts


def _row_error_messages(error: Exception) -> list[str]:
    """A row that failed outside validation: German for the user, the details for the log."""
    if isinstance(error, ValidationError):
        return error.messages
    logger.warning("Import row failed: %r", error)
    return [_("Diese Zeile lässt sich nicht verarbeiten. Bitte prüfen Sie ihre Werte.")]


class ImportView(TemplateView):
    """Upload (GET), preview (POST with a file), confirm or cancel (POST with `pending`)."""

    template_name = "imports/import.html"
    resource_class: type[ImportResource]
    title = ""
    intro = ""

    def get_resource_kwargs(self) -> dict:
        return {}

    def get_resource(self) -> ImportResource:
        resource = self.resource_class(**self.get_resource_kwargs())
        resource.history_user = self.request.user
        return resource

    def get_success_url(self) -> str:
        raise NotImplementedError

    def import_name(self) -> str:
        return (
            self.request.resolver_match.view_name
            + ":"
            + ",".join(str(value) for value in self.kwargs.values())
        )

    def expected_columns(self) -> list[str]:
        return [field.column_name for field in self.get_resource().get_import_fields()]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=self.title, intro=self.intro, columns=self.expected_columns(), **kwargs
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=UploadForm()))

    def post(self, request, *args, **kwargs):
        if "pending" in request.POST:
            return self.finish(request.POST["pending"], confirm="confirm" in request.POST)
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        PendingImport.objects.filter(created_at__lt=timezone.now() - timedelta(days=1)).delete()
        dataset = form.dataset
        resource = self.get_resource()
        result = resource.import_data(dataset, dry_run=True, use_transactions=False)
        if result.base_errors:
            error = result.base_errors[0].error
            form.add_error(
                "file",
                error
                if isinstance(error, ValidationError)
                else _("Die Datei passt nicht zu diesem Import."),
            )
            return self.render_to_response(self.get_context_data(form=form))
        pending = PendingImport.objects.create(
            id=uuid.uuid4(),
            user=request.user,
            import_name=self.import_name(),
            filename=form.cleaned_data["file"].name[:255],
            headers=list(dataset.headers),
            rows=[list(row) for row in dataset],
        )
        return self.render_to_response(
            self.get_context_data(preview=self.preview(result, dataset, resource), pending=pending)
        )

    def preview(self, result, dataset, resource) -> dict:
        invalid = [
            {
                "line": row.number + 1,
                "values": list(row.values)[:4],
                "reasons": _messages_of(row.error, resource),
            }
            for row in result.invalid_rows
        ]
        invalid += [
            {
                "line": number + 1,
                "values": list(errors[0].row.values())[:4] if errors[0].row else [],
                "reasons": _row_error_messages(errors[0].error),
            }
            for number, errors in result.row_errors()
        ]
        listed = []
        for number, row_result in enumerate(result.rows, start=1):
            if row_result.import_type in (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE):
                listed.append(
                    {
                        "line": number + 1,
                        "kind": row_result.import_type,
                        "values": list(dataset[number - 1])[:4],
                    }
                )
        totals = result.totals
        return {
            "new": totals[RowResult.IMPORT_TYPE_NEW],
            "update": totals[RowResult.IMPORT_TYPE_UPDATE],
            "skip": totals[RowResult.IMPORT_TYPE_SKIP],
            "invalid": len(invalid),
            "invalid_rows": sorted(invalid, key=lambda r: r["line"]),
            "rows": listed[:PREVIEW_ROWS],
            "more_rows": max(0, len(listed) - PREVIEW_ROWS),
            "headers": list(dataset.headers)[:4],
        }

    def finish(self, pending_id: str, *, confirm: bool):
        try:
            pending = PendingImport.objects.get(
                id=uuid.UUID(pending_id), user=self.request.user, import_name=self.import_name()
            )
        except (ValueError, PendingImport.DoesNotExist):
            messages.error(
                self.request,
                _("Dieser Import ist abgelaufen. Bitte laden Sie die Datei noch einmal hoch."),
            )
            return redirect(self.request.path)
        if not confirm:
            pending.delete()
            messages.info(self.request, _("Import abgebrochen. Es wurde nichts gespeichert."))
            return redirect(self.request.path)
        dataset = tablib.Dataset(*[tuple(row) for row in pending.rows], headers=pending.headers)
        failed = False
        try:
            with transaction.atomic():
                result = self.get_resource().import_data(
                    dataset, dry_run=False, use_transactions=True
                )
                failed = result.has_errors()
                if failed:
                    transaction.set_rollback(True)
        except DatabaseError:
            # A rule only the database knows, or a concurrent change: keep nothing.
            failed = True
        if failed:
            messages.error(
                self.request,
                _(
                    "Der Import ist fehlgeschlagen; es wurde nichts "
                    "gespeichert. Bitte prüfen Sie die Datei."
                ),
            )
            return redirect(self.request.path)
        pending.delete()
        totals = result.totals
        messages.success(
            self.request,
            _(
                "Import abgeschlossen: %(new)s neu, %(update)s geändert, %(skip)s unverändert, "
                "%(invalid)s ungültige Zeilen ausgelassen."
            )
            % {
                "new": totals[RowResult.IMPORT_TYPE_NEW],
                "update": totals[RowResult.IMPORT_TYPE_UPDATE],
                "skip": totals[RowResult.IMPORT_TYPE_SKIP],
                "invalid": totals[RowResult.IMPORT_TYPE_INVALID],
            },
        )
        return redirect(self.get_success_url())
