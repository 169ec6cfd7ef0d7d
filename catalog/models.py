"""The catalogue: fields of action, measures, literature, MigraNet providers and their offers.

Measures and offers carry a generated `search_vector` (German stemming, title weighted over the
text) with a GIN index; catalog.search builds the query side. A generated column can only read
its own row, so the names of linked records that should be found too (fields of action, an
offer's provider and districts) are copied into `related_names` (catalog.services). Choice lists
that hold several values (target kinds, audiences, levels) are PostgreSQL arrays, checked by
constraints against the known values.
"""

from decimal import Decimal

from django.contrib.postgres.search import SearchVector
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Func
from django.db.models.functions import Lower
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from catalog import labels
from catalog.fields import ChoiceListField, GinIndex, TSVectorField
from districts.models import Organization
from ikokmu.validators import MinValueValidator as LocalizedMinValueValidator
from ikokmu.validators import NameField


class History(HistoricalRecords):
    """simple_history's records, reachable from the model so that catalog.services can write
    one entry by hand after a save and its link changes (see services._one_history_entry)."""

    def contribute_to_class(self, cls, name):
        super().contribute_to_class(cls, name)
        cls.history_records = self


def translations_are_objects(name: str) -> models.CheckConstraint:
    """The translations column holds one JSON object (language code → texts)."""
    return models.CheckConstraint(
        condition=models.Q(
            Exact(Func(models.F("translations"), function="jsonb_typeof"), "object")
        ),
        name=name,
    )


class FieldOfAction(models.Model):
    """Handlungsfeld: the axis that links needs, questions, measures, offers, codes and goals."""

    name = models.CharField(_("Name"), max_length=120, unique=True)
    slug = models.SlugField(_("Kurzname"), max_length=60, unique=True)
    description = models.TextField(_("Kurzbeschreibung"), blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    # Name and description in the other languages of respondents and public pages:
    # {"en": {"name": "…", "description": "…"}, "ar": {…}}; German is `name` itself.
    translations = models.JSONField(_("Übersetzungen"), default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        ordering = ["position", "name"]
        constraints = [translations_are_objects("fieldofaction_translations_object")]

    def __str__(self) -> str:
        # The name in the active language: menus, joins and reasons read it this way.
        return str(self.local_name)

    @property
    def local_name(self):
        """The name in the active language, or the German one marked as such (catalog.labels)."""
        return labels.translated(self, "name")

    @property
    def local_description(self):
        return labels.translated(self, "description")


class Label(models.Model):
    """A fixed word of the catalogue's vocabularies (offer types, organisation kinds, audiences,
    levels, effort) in every language a respondent or visitor may read: the code keeps its
    German meaning, the texts can be corrected or added in the admin without a release."""

    class Vocabulary(models.TextChoices):
        OFFER_TYPE = "offer_type", _("Angebotsart")
        TARGET_KIND = "target_kind", _("Organisationsart")
        AUDIENCE = "audience", _("Adressat*innen")
        LEVEL = "level", _("Ebene")
        EFFORT = "effort", _("Aufwand")

    vocabulary = models.CharField(_("Liste"), max_length=20, choices=Vocabulary.choices)
    code = models.CharField(_("Code"), max_length=40)
    # {"de": "Anerkennungsberatung", "en": "Recognition counselling", …}; German always.
    texts = models.JSONField(_("Beschriftungen"), default=dict)

    class Meta:
        verbose_name = _("Beschriftung")
        verbose_name_plural = _("Beschriftungen")
        ordering = ["vocabulary", "code"]
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "code"], name="label_code_unique"),
            models.CheckConstraint(
                condition=models.Q(texts__has_key="de"), name="label_text_german"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    vocabulary__in=["offer_type", "target_kind", "audience", "level", "effort"]
                ),
                name="label_vocabulary_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vocabulary}: {self.texts.get('de', self.code)}"


class Status(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    PUBLISHED = "published", _("Veröffentlicht")


# The organisation kinds a measure or offer can be meant for: those of the address book
# (districts.Organization), without the MigraNet partners themselves.
TARGET_KIND_CHOICES = [
    (value, label)
    for value, label in Organization.Kind.choices
    if value != Organization.Kind.MIGRANET_PARTNER
]
TARGET_KIND_VALUES = [value for value, _label in TARGET_KIND_CHOICES]


class Audience(models.TextChoices):
    MANAGEMENT = "management", _("Geschäftsführung und Leitung")
    HR = "hr", _("Personalverantwortliche")
    STAFF = "staff", _("Belegschaft")
    NEWCOMERS = "newcomers", _("Neu zugewanderte Beschäftigte")


class Level(models.TextChoices):
    ORGANIZATION = "organization_development", _("Organisationsentwicklung")
    PERSONNEL = "personnel_development", _("Personalentwicklung")
    QUALITY = "quality_management", _("Qualitätsmanagement")


class Effort(models.TextChoices):
    LOW = "low", _("gering")
    MEDIUM = "medium", _("mittel")
    HIGH = "high", _("hoch")


def _choice_list(verbose_name, choices):
    return ChoiceListField(verbose_name, choices_list=choices)


def _only_known(field: str, values: list[str], name: str) -> models.CheckConstraint:
    """A JSON array whose every element is one of `values`."""
    is_array = Exact(Func(models.F(field), function="jsonb_typeof"), "array")
    return models.CheckConstraint(
        condition=models.Q(is_array) & models.Q(**{f"{field}__contained_by": values}), name=name
    )


class LiteratureReference(models.Model):
    """A source a measure is grounded in."""

    authors = models.CharField(
        _("Autor*innen oder Herausgeber"),
        max_length=300,
        help_text=_("zum Beispiel „Schader-Stiftung (Hg.)“ oder „Müller, Anna; Roth, Ben“"),
    )
    year = models.PositiveSmallIntegerField(
        _("Jahr"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    title = NameField(_("Titel"), max_length=500)
    publisher = models.CharField(_("Verlag oder Zeitschrift"), max_length=300, blank=True)
    url = models.URLField(_("Webadresse"), max_length=500, blank=True)
    history = History()

    class Meta:
        verbose_name = _("Literaturangabe")
        verbose_name_plural = _("Literaturangaben")
        ordering = ["authors", "year", "title"]
        constraints = [
            # The natural key of imports: a title appears once per year (or once without one).
            models.UniqueConstraint(
                Lower("title"),
                "year",
                nulls_distinct=False,
                name="reference_title_year_unique",
                violation_error_message=_(
                    "Diese Literaturangabe gibt es schon (gleicher Titel, gleiches Jahr)."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(year__isnull=True) | models.Q(year__range=(1800, 2100)),
                name="reference_year_plausible",
                violation_error_message=_("Bitte ein Jahr zwischen 1800 und 2100 angeben."),
            ),
        ]

    def __str__(self) -> str:
        return self.citation

    @property
    def citation(self) -> str:
        year = f" ({self.year})" if self.year else ""
        publisher = f" {self.publisher}." if self.publisher else ""
        return f"{self.authors}{year}: {self.title}.{publisher}"


class Provider(models.Model):
    """A MigraNet partner or sub-project (Träger) offering advice, training or material."""

    class Kind(models.TextChoices):
        PARTNER = "partner", _("MigraNet-Partner")
        SUBPROJECT = "subproject", _("MigraNet-Teilprojekt")
        COORDINATION = "coordination", _("Koordination MigraNet")

    name = NameField(_("Name"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.PARTNER)
    description = models.TextField(_("Kurzbeschreibung"), blank=True)
    website = models.URLField(_("Website"), max_length=500, blank=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="migranet_providers",
        verbose_name=_("Organisation im Adressbuch"),
        help_text=_("Die Organisation, bei der die Ansprechpersonen des Trägers geführt werden."),
    )
    contacts = models.ManyToManyField(
        "districts.Contact",
        blank=True,
        related_name="migranet_providers",
        verbose_name=_("Ansprechpersonen"),
    )
    serves_all_bavaria = models.BooleanField(_("in ganz Bayern tätig"), default=True)
    districts = models.ManyToManyField(
        "districts.District",
        blank=True,
        related_name="migranet_providers",
        verbose_name=_("Landkreise"),
        help_text=_("Nur nötig, wenn der Träger nicht in ganz Bayern tätig ist."),
    )
    history = History(m2m_fields=["contacts", "districts"])

    class Meta:
        verbose_name = _("Träger")
        verbose_name_plural = _("Träger")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="provider_name_unique",
                violation_error_message=_("Einen Träger mit diesem Namen gibt es schon."),
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["partner", "subproject", "coordination"]),
                name="provider_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class OfferType(models.TextChoices):
    RECOGNITION_COUNSELLING = "recognition_counselling", _("Anerkennungsberatung")
    QUALIFICATION_COUNSELLING = "qualification_counselling", _("Qualifizierungsberatung")
    BRIDGING = "bridging_qualification", _("Qualifizierung/Brückenmaßnahme")
    FAIR_INTEGRATION = "fair_integration", _("Faire Integration")
    INTERCULTURAL_TRAINING = "intercultural_training", _("Interkulturelles Training")
    PROCESS_SUPPORT = "process_support", _("Prozessbegleitung Organisation")
    EMPLOYER_ADVICE = "employer_advice", _("Arbeitgeberberatung")
    NETWORKING = "networking", _("Vernetzung/Fachtagung")
    MATERIAL = "material", _("Leitfaden/Material")


class Offer(models.Model):
    """Angebot: what a MigraNet provider offers, for which fields of action, kinds and regions."""

    OfferType = OfferType

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="offers", verbose_name=_("Träger")
    )
    title = NameField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Adresse (Kurzname)"), max_length=220, unique=True)
    offer_type = models.CharField(_("Angebotsart"), max_length=40, choices=OfferType.choices)
    description = models.TextField(_("Beschreibung"))
    fields_of_action = models.ManyToManyField(
        FieldOfAction, related_name="offers", verbose_name=_("Handlungsfelder")
    )
    target_kinds = _choice_list(_("Zielgruppen (Organisationsarten)"), TARGET_KIND_CHOICES)
    serves_all_bavaria = models.BooleanField(_("in ganz Bayern verfügbar"), default=True)
    districts = models.ManyToManyField(
        "districts.District",
        blank=True,
        related_name="migranet_offers",
        verbose_name=_("Landkreise"),
        help_text=_("Nur nötig, wenn das Angebot nicht in ganz Bayern verfügbar ist."),
    )
    languages = models.CharField(
        _("Sprachen"), max_length=300, blank=True, help_text=_("zum Beispiel „Deutsch, Englisch“")
    )
    cost = models.CharField(_("Kosten"), max_length=200, blank=True)
    contact = models.TextField(
        _("Kontakt (allgemein)"),
        blank=True,
        help_text=_("Allgemeine Telefonnummer, Funktionsadresse oder Sprechzeiten."),
    )
    contacts = models.ManyToManyField(
        "districts.Contact",
        blank=True,
        related_name="migranet_offers",
        verbose_name=_("Ansprechpersonen"),
    )
    url = models.URLField(_("Webadresse"), max_length=500, blank=True)
    # A short summary per language for respondents and visitors, optional in every language
    # (German too): {"de": {"summary": "…"}, "en": {"title": "…", "summary": "…"}}.
    translations = models.JSONField(_("Kurzfassungen je Sprache"), default=dict, blank=True)
    valid_from = models.DateField(_("gültig ab"), null=True, blank=True)
    valid_until = models.DateField(_("gültig bis"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Zuletzt geändert"), auto_now=True)
    # The provider's name and the names of the fields of action and districts, for the search
    # (kept by catalog.services.refresh_related_names).
    related_names = models.TextField(editable=False, default="")
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config="german")
        + SearchVector("description", "related_names", weight="B", config="german")
        + SearchVector("languages", "cost", weight="C", config="german"),
        output_field=TSVectorField(),
        db_persist=True,
    )
    history = History(
        excluded_fields=["search_vector", "related_names"],
        m2m_fields=["fields_of_action", "districts", "contacts"],
    )

    class Meta:
        verbose_name = _("MigraNet-Angebot")
        verbose_name_plural = _("MigraNet-Angebote")
        ordering = ["title"]
        indexes = [
            GinIndex(fields=["search_vector"], name="offer_search_vector"),
            GinIndex(fields=["target_kinds"], name="offer_target_kinds"),
            models.Index(fields=["status", "title"], name="offer_status_title"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="offer_valid_until_after_valid_from",
                violation_error_message=_("„gültig bis“ darf nicht vor „gültig ab“ liegen."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="offer_status_known"
            ),
            models.CheckConstraint(
                condition=models.Q(offer_type__in=OfferType.values), name="offer_type_known"
            ),
            _only_known("target_kinds", TARGET_KIND_VALUES, "offer_target_kinds_known"),
            translations_are_objects("offer_translations_object"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalog:offer_detail", args=[self.slug])

    @property
    def is_current(self) -> bool:
        return self.valid_until is None or self.valid_until >= timezone.localdate()

    def get_target_kinds_display(self) -> list[str]:
        return labels.label_list(Label.Vocabulary.TARGET_KIND, self.target_kinds)

    def get_offer_type_display(self) -> str:
        return labels.label(Label.Vocabulary.OFFER_TYPE, self.offer_type)

    @property
    def local_title(self):
        return labels.translated(self, "title")

    @property
    def local_summary(self):
        """The short summary in the active language, else the German one (or the start of the
        description), marked as German."""
        return labels.summary(self)


class Measure(models.Model):
    """Maßnahme: one entry of the catalogue of measures for intercultural opening."""

    title = NameField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Adresse (Kurzname)"), max_length=220, unique=True)
    summary = models.TextField(
        _("Kurzbeschreibung"), help_text=_("Zwei bis drei Sätze für Trefferlisten und Broschüre.")
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    fields_of_action = models.ManyToManyField(
        FieldOfAction, related_name="measures", verbose_name=_("Handlungsfelder")
    )
    target_kinds = _choice_list(_("Zielgruppen (Organisationsarten)"), TARGET_KIND_CHOICES)
    audiences = _choice_list(_("Adressat*innen im Betrieb"), Audience.choices)
    levels = _choice_list(_("Ebenen"), Level.choices)
    effort = models.CharField(_("Aufwand"), max_length=10, choices=Effort.choices)
    effort_person_days = models.DecimalField(
        _("Aufwand in Personentagen (Schätzung)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[LocalizedMinValueValidator(Decimal("0.5"))],
    )
    typical_duration = models.CharField(
        _("Typische Dauer"), max_length=100, blank=True, help_text=_("zum Beispiel „3–6 Monate“")
    )
    prerequisites = models.TextField(_("Voraussetzungen"), blank=True)
    cost_and_funding = models.TextField(_("Kosten und Förderung"), blank=True)
    expected_benefit = models.TextField(_("Erwarteter Nutzen"), blank=True)
    success_indicators = models.TextField(_("Erfolgsindikatoren"), blank=True)
    references = models.ManyToManyField(
        LiteratureReference, blank=True, related_name="measures", verbose_name=_("Literatur")
    )
    offers = models.ManyToManyField(
        Offer, blank=True, related_name="measures", verbose_name=_("MigraNet-Angebote")
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    last_reviewed = models.DateField(_("Zuletzt fachlich geprüft"), null=True, blank=True)
    # Title and short summary in other languages, optional: {"en": {"title": "…", "summary": "…"}}.
    translations = models.JSONField(_("Kurzfassungen je Sprache"), default=dict, blank=True)
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Zuletzt geändert"), auto_now=True)
    # The names of the fields of action, for the search (catalog.services.refresh_related_names).
    related_names = models.TextField(editable=False, default="")
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config="german")
        + SearchVector("summary", "related_names", weight="B", config="german")
        + SearchVector(
            "description",
            "expected_benefit",
            "prerequisites",
            "success_indicators",
            "cost_and_funding",
            weight="C",
            config="german",
        ),
        output_field=TSVectorField(),
        db_persist=True,
    )
    history = History(
        excluded_fields=["search_vector", "related_names"],
        m2m_fields=["fields_of_action", "references", "offers"],
    )

    class Meta:
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        ordering = ["title"]
        indexes = [
            GinIndex(fields=["search_vector"], name="measure_search_vector"),
            models.Index(fields=["status", "title"], name="measure_status_title"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="measure_status_known"
            ),
            models.CheckConstraint(
                condition=models.Q(effort__in=Effort.values), name="measure_effort_known"
            ),
            models.CheckConstraint(
                condition=models.Q(effort_person_days__isnull=True)
                | models.Q(effort_person_days__gt=0),
                name="measure_person_days_positive",
                violation_error_message=_("Der Aufwand in Personentagen muss größer als 0 sein."),
            ),
            _only_known("target_kinds", TARGET_KIND_VALUES, "measure_target_kinds_known"),
            _only_known("audiences", Audience.values, "measure_audiences_known"),
            _only_known("levels", Level.values, "measure_levels_known"),
            translations_are_objects("measure_translations_object"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalog:measure_detail", args=[self.slug])

    def get_target_kinds_display(self) -> list[str]:
        return labels.label_list(Label.Vocabulary.TARGET_KIND, self.target_kinds)

    def get_audiences_display(self) -> list[str]:
        return labels.label_list(Label.Vocabulary.AUDIENCE, self.audiences)

    def get_levels_display(self) -> list[str]:
        return labels.label_list(Label.Vocabulary.LEVEL, self.levels)

    def get_effort_display(self) -> str:
        return labels.label(Label.Vocabulary.EFFORT, self.effort)

    @property
    def local_title(self):
        return labels.translated(self, "title")

    @property
    def local_summary(self):
        return labels.summary(self)
