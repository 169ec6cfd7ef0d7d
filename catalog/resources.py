"""Import and export of the catalogue as CSV/XLSX (ikokmu.imports, German column names).

Lists inside a cell (fields of action, target kinds, districts, offers, literature) are
separated by semicolons or line breaks; entries are recognised by name or short name, case- and
space-insensitively, and an unknown one makes the row invalid with a German reason. Choices are
written as their German labels and read as label or code.

Measures, offers and providers have links, so their rows are saved one by one through
catalog.services (one history entry each), not in bulk. Existing records are matched by their
natural key: measures and offers by short name ("Kurzname", derived from the title when the
column is empty), providers by name, literature by title and year.
"""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, widgets

from catalog import services
from catalog.models import (
    TARGET_KIND_CHOICES,
    Audience,
    Effort,
    FieldOfAction,
    Level,
    LiteratureReference,
    Measure,
    Offer,
    OfferType,
    Provider,
    Status,
)
from districts.models import District
from ikokmu.imports import (
    CachedForeignKeyWidget,
    ChoiceWidget,
    GermanDateWidget,
    GermanIntegerWidget,
    ImportResource,
    normalize,
)

LIST_SEPARATOR = re.compile(r"[;\n]")


def split_list(value) -> list[str]:
    return [part.strip() for part in LIST_SEPARATOR.split(str(value or "")) if part.strip()]


class LinkWidget(widgets.ManyToManyWidget):
    """Many-to-many links by name (or another attribute), looked up once per import."""

    def __init__(self, model, *, keys=("name",), label="name", queryset=None):
        super().__init__(model, separator="; ", field=label)
        self.keys = keys
        self.label = label
        self._queryset = queryset
        self._lookup = None

    def lookup(self) -> dict:
        if self._lookup is None:
            queryset = self._queryset if self._queryset is not None else self.model.objects.all()
            self._lookup = {}
            for obj in queryset:
                for key in self.keys:
                    self._lookup.setdefault(normalize(getattr(obj, key)), obj)
        return self._lookup

    def clean(self, value, row=None, **kwargs):
        found, unknown = [], []
        for part in split_list(value):
            obj = self.lookup().get(normalize(part))
            if obj is None:
                unknown.append(part)
            elif obj not in found:
                found.append(obj)
        if unknown:
            raise ValueError(
                _("Unbekannt: %(values)s") % {"values": ", ".join(f"„{u}“" for u in unknown)}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return self.separator.join(str(getattr(item, self.label)) for item in value.all())


class ChoiceListWidget(widgets.Widget):
    """A list of choices (a catalog.fields.ChoiceListField) by German label or code."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.labels = {str(code): str(label) for code, label in choices}
        self.lookup = {}
        for code, label in self.labels.items():
            self.lookup[normalize(code)] = code
            self.lookup[normalize(label)] = code

    def clean(self, value, row=None, **kwargs):
        codes, unknown = [], []
        for part in split_list(value):
            code = self.lookup.get(normalize(part))
            if code is None:
                unknown.append(part)
            elif code not in codes:
                codes.append(code)
        if unknown:
            raise ValueError(
                _("„%(values)s“ ist kein zulässiger Wert (erlaubt: %(allowed)s).")
                % {"values": "; ".join(unknown), "allowed": "; ".join(self.labels.values())}
            )
        # The order of the choices, as the record stores them (ChoiceListField.pre_save):
        # "Kommune; KMU" and "KMU; Kommune" are the same list and change nothing.
        order = list(self.labels)
        return sorted(codes, key=order.index)

    def render(self, value, obj=None, **kwargs):
        return "; ".join(self.labels.get(str(code), str(code)) for code in value or [])


class GermanBooleanWidget(widgets.Widget):
    TRUE = {"ja", "j", "x", "1", "wahr", "true", "yes"}
    FALSE = {"nein", "n", "0", "falsch", "false", "no", ""}

    def clean(self, value, row=None, **kwargs):
        text = normalize(value)
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(_("Bitte „ja“ oder „nein“ angeben."))

    def render(self, value, obj=None, **kwargs):
        return _("ja") if value else _("nein")


class DecimalCommaWidget(widgets.DecimalWidget):
    """Accepts "2,5" as well as "2.5"."""

    def clean(self, value, row=None, **kwargs):
        text = value.strip().replace(",", ".") if isinstance(value, str) else value
        try:
            number = super().clean(text, row=row, **kwargs)
        except (ArithmeticError, ValueError):
            number = Decimal("NaN")
        if number is not None and not number.is_finite():  # Decimal also reads "NaN", "inf"
            raise ValueError(
                _("„%(value)s“ ist keine Zahl. Bitte eine Zahl angeben, zum Beispiel 2,5.")
                % {"value": value}
            )
        return number

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value).replace(".", ",")


class _LinkedResource(ImportResource):
    """Rows with links are saved one by one through the catalogue's services."""

    link_fields: tuple[str, ...] = ()
    required_links: tuple[str, ...] = ()
    slug_from: str | None = None  # "title": derive an empty Kurzname from the title

    class Meta(ImportResource.Meta):
        use_bulk = False
        import_id_fields = ()

    def get_import_fields(self):
        return [self.fields[name] for name in self._meta.fields]

    def key_field_has_default(self, name):
        return self.slug_from is not None and name == "slug"

    def before_import_row(self, row, **kwargs):
        if self.slug_from is not None and not str(row.get("Kurzname") or "").strip():
            title = str(row.get(self.fields[self.slug_from].column_name) or "")
            row["Kurzname"] = services.base_slug(title) if title.strip() else ""

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        links = {}
        for name in self.link_fields:
            field = self.fields[name]
            if field.column_name not in row:
                continue  # the column is not in the file: keep the links as they are
            try:
                links[name] = field.clean(row)
            except ValueError as error:
                errors[name] = [str(error)]
                continue
            if name in self.required_links and not links[name]:
                errors[name] = [_("Bitte mindestens einen Eintrag angeben.")]
        instance._import_links = links
        if errors:
            raise ValidationError(errors)

    def values_of(self, instance) -> tuple:
        values = []
        for field in self.get_import_fields():
            if field.attribute in self.link_fields:
                links = getattr(instance, "_import_links", {})
                if field.attribute in links:
                    related = links[field.attribute]
                elif instance.pk:
                    related = list(getattr(instance, field.attribute).all())
                else:
                    related = []
                values.append(tuple(sorted(obj.pk for obj in related)))
            else:
                value = getattr(instance, field.attribute, None)
                values.append(getattr(value, "pk", value))
        return tuple(values)

    def links_for_save(self, instance) -> dict:
        links = dict(getattr(instance, "_import_links", {}))
        for name in self.link_fields:
            if name not in links:  # column not in the file: keep what is linked
                links[name] = list(getattr(instance, name).all()) if instance.pk else []
        return links

    def save_instance(self, instance, is_create, row, **kwargs):
        if not self._is_using_transactions(kwargs) and self._is_dry_run(kwargs):
            return
        self.save_with_links(instance, self.links_for_save(instance))

    def save_with_links(self, instance, links: dict) -> None:
        raise NotImplementedError

    def save_m2m(self, instance, row, **kwargs):
        """Links are saved with the record (save_with_links)."""


def _fields_of_action_widget():
    return LinkWidget(FieldOfAction, keys=("name", "slug"))


def _districts_widget():
    return LinkWidget(District, keys=("name", "official_key"))


class MeasureResource(_LinkedResource):
    slug = fields.Field(attribute="slug", column_name="Kurzname")
    title = fields.Field(attribute="title", column_name="Titel")
    summary = fields.Field(attribute="summary", column_name="Kurzbeschreibung")
    description = fields.Field(attribute="description", column_name="Beschreibung")
    fields_of_action = fields.Field(
        attribute="fields_of_action",
        column_name="Handlungsfelder",
        widget=_fields_of_action_widget(),
    )
    target_kinds = fields.Field(
        attribute="target_kinds",
        column_name="Zielgruppen",
        widget=ChoiceListWidget(TARGET_KIND_CHOICES),
    )
    audiences = fields.Field(
        attribute="audiences",
        column_name="Adressat*innen",
        widget=ChoiceListWidget(Audience.choices),
    )
    levels = fields.Field(
        attribute="levels", column_name="Ebenen", widget=ChoiceListWidget(Level.choices)
    )
    effort = fields.Field(
        attribute="effort", column_name="Aufwand", widget=ChoiceWidget(Effort.choices)
    )
    effort_person_days = fields.Field(
        attribute="effort_person_days", column_name="Personentage", widget=DecimalCommaWidget()
    )
    typical_duration = fields.Field(attribute="typical_duration", column_name="Typische Dauer")
    prerequisites = fields.Field(attribute="prerequisites", column_name="Voraussetzungen")
    cost_and_funding = fields.Field(
        attribute="cost_and_funding", column_name="Kosten und Förderung"
    )
    expected_benefit = fields.Field(attribute="expected_benefit", column_name="Erwarteter Nutzen")
    success_indicators = fields.Field(
        attribute="success_indicators", column_name="Erfolgsindikatoren"
    )
    offers = fields.Field(
        attribute="offers",
        column_name="MigraNet-Angebote",
        widget=LinkWidget(Offer, keys=("slug", "title"), label="slug"),
    )
    references = fields.Field(
        attribute="references",
        column_name="Literatur",
        widget=LinkWidget(LiteratureReference, keys=("title",), label="title"),
    )
    status = fields.Field(
        attribute="status", column_name="Status", widget=ChoiceWidget(Status.choices)
    )
    last_reviewed = fields.Field(
        attribute="last_reviewed", column_name="Zuletzt geprüft", widget=GermanDateWidget()
    )

    natural_key_fields = ("slug",)
    link_fields = ("fields_of_action", "offers", "references")
    required_links = ("fields_of_action",)
    slug_from = "title"

    class Meta(_LinkedResource.Meta):
        model = Measure
        fields = (
            "slug",
            "title",
            "summary",
            "description",
            "fields_of_action",
            "target_kinds",
            "audiences",
            "levels",
            "effort",
            "effort_person_days",
            "typical_duration",
            "prerequisites",
            "cost_and_funding",
            "expected_benefit",
            "success_indicators",
            "offers",
            "references",
            "status",
            "last_reviewed",
        )

    def get_queryset(self):
        return Measure.objects.prefetch_related(*self.link_fields).order_by("title")

    def import_instance(self, instance, row, **kwargs):
        if not str(row.get("Status") or "").strip():
            row["Status"] = Status.DRAFT  # imported measures are drafts unless the file says
        super().import_instance(instance, row, **kwargs)

    def save_with_links(self, instance, links):
        services.measure_save(measure=instance, **links)


class OfferResource(_LinkedResource):
    slug = fields.Field(attribute="slug", column_name="Kurzname")
    title = fields.Field(attribute="title", column_name="Titel")
    provider = fields.Field(
        attribute="provider",
        column_name="Träger",
        widget=CachedForeignKeyWidget(Provider, field="name"),
    )
    offer_type = fields.Field(
        attribute="offer_type", column_name="Angebotsart", widget=ChoiceWidget(OfferType.choices)
    )
    description = fields.Field(attribute="description", column_name="Beschreibung")
    fields_of_action = fields.Field(
        attribute="fields_of_action",
        column_name="Handlungsfelder",
        widget=_fields_of_action_widget(),
    )
    target_kinds = fields.Field(
        attribute="target_kinds",
        column_name="Zielgruppen",
        widget=ChoiceListWidget(TARGET_KIND_CHOICES),
    )
    serves_all_bavaria = fields.Field(
        attribute="serves_all_bavaria", column_name="Ganz Bayern", widget=GermanBooleanWidget()
    )
    districts = fields.Field(
        attribute="districts", column_name="Landkreise", widget=_districts_widget()
    )
    languages = fields.Field(attribute="languages", column_name="Sprachen")
    cost = fields.Field(attribute="cost", column_name="Kosten")
    contact = fields.Field(attribute="contact", column_name="Kontakt")
    url = fields.Field(attribute="url", column_name="Webadresse")
    valid_from = fields.Field(
        attribute="valid_from", column_name="Gültig ab", widget=GermanDateWidget()
    )
    valid_until = fields.Field(
        attribute="valid_until", column_name="Gültig bis", widget=GermanDateWidget()
    )
    status = fields.Field(
        attribute="status", column_name="Status", widget=ChoiceWidget(Status.choices)
    )

    natural_key_fields = ("slug",)
    link_fields = ("fields_of_action", "districts")
    required_links = ("fields_of_action",)
    slug_from = "title"

    class Meta(_LinkedResource.Meta):
        model = Offer
        fields = (
            "slug",
            "title",
            "provider",
            "offer_type",
            "description",
            "fields_of_action",
            "target_kinds",
            "serves_all_bavaria",
            "districts",
            "languages",
            "cost",
            "contact",
            "url",
            "valid_from",
            "valid_until",
            "status",
        )

    def get_queryset(self):
        return (
            Offer.objects.select_related("provider")
            .prefetch_related(*self.link_fields)
            .order_by("title")
        )

    def import_instance(self, instance, row, **kwargs):
        if not str(row.get("Status") or "").strip():
            row["Status"] = Status.DRAFT
        _region_default(row)
        super().import_instance(instance, row, **kwargs)
        _check_region(instance)
        if (
            instance.valid_from
            and instance.valid_until
            and instance.valid_until < instance.valid_from
        ):
            raise ValidationError(
                {"valid_until": _("„gültig bis“ darf nicht vor „gültig ab“ liegen.")}
            )

    def save_with_links(self, instance, links):
        services.offer_save(
            offer=instance,
            fields_of_action=links["fields_of_action"],
            districts=links["districts"],
            contacts=list(instance.contacts.all()) if instance.pk else [],
        )


def _region_default(row) -> None:
    """Without a "Ganz Bayern" value, the districts column decides: named districts, or all."""
    if "Landkreise" in row and not str(row.get("Ganz Bayern") or "").strip():
        row["Ganz Bayern"] = "nein" if split_list(row.get("Landkreise")) else "ja"


def _check_region(instance) -> None:
    districts = getattr(instance, "_import_links", {}).get("districts")
    if districts is None and instance.pk:
        districts = list(instance.districts.all())
    if not instance.serves_all_bavaria and not districts:
        raise ValidationError(
            {"districts": _("Bitte Landkreise nennen oder „Ganz Bayern“ auf „ja“ setzen.")}
        )


class ProviderResource(_LinkedResource):
    name = fields.Field(attribute="name", column_name="Name")
    kind = fields.Field(
        attribute="kind", column_name="Art", widget=ChoiceWidget(Provider.Kind.choices)
    )
    description = fields.Field(attribute="description", column_name="Kurzbeschreibung")
    website = fields.Field(attribute="website", column_name="Website")
    serves_all_bavaria = fields.Field(
        attribute="serves_all_bavaria", column_name="Ganz Bayern", widget=GermanBooleanWidget()
    )
    districts = fields.Field(
        attribute="districts", column_name="Landkreise", widget=_districts_widget()
    )

    natural_key_fields = ("name",)
    link_fields = ("districts",)

    class Meta(_LinkedResource.Meta):
        model = Provider
        fields = ("name", "kind", "description", "website", "serves_all_bavaria", "districts")

    def get_queryset(self):
        return Provider.objects.prefetch_related("districts").order_by("name")

    def import_instance(self, instance, row, **kwargs):
        if not str(row.get("Art") or "").strip():
            row["Art"] = Provider.Kind.PARTNER
        _region_default(row)
        super().import_instance(instance, row, **kwargs)
        _check_region(instance)

    def save_with_links(self, instance, links):
        services.provider_save(
            provider=instance,
            districts=links["districts"],
            contacts=list(instance.contacts.all()) if instance.pk else [],
        )


class ReferenceResource(ImportResource):
    authors = fields.Field(attribute="authors", column_name="Autor*innen")
    year = fields.Field(attribute="year", column_name="Jahr", widget=GermanIntegerWidget())
    title = fields.Field(attribute="title", column_name="Titel")
    publisher = fields.Field(attribute="publisher", column_name="Verlag oder Zeitschrift")
    url = fields.Field(attribute="url", column_name="Webadresse")

    natural_key_fields = ("title", "year")

    class Meta(ImportResource.Meta):
        model = LiteratureReference
        fields = ("authors", "year", "title", "publisher", "url")
        import_id_fields = ()

    def get_import_fields(self):
        return [self.fields[name] for name in self._meta.fields]

    def get_queryset(self):
        return LiteratureReference.objects.order_by("authors", "year")


RESOURCES = {
    "massnahmen": (MeasureResource, "Maßnahmen"),
    "angebote": (OfferResource, "MigraNet-Angebote"),
    "traeger": (ProviderResource, "Träger"),
    "literatur": (ReferenceResource, "Literatur"),
}
