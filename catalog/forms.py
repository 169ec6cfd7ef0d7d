from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalog.labels import label_choices
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
from districts.models import Contact, District, Organization
from ikokmu.forms import DateInput, drop_empty_radio_choices

# Filters of the public catalogue ----------------------------------------------------------


class CatalogFilterForm(forms.Form):
    """The search box and filters above the measure and offer lists (GET)."""

    q = forms.CharField(
        label=_("Suchbegriff"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("z. B. Ausbildung")}),
    )
    field = forms.ModelChoiceField(
        label=_("Handlungsfeld"),
        queryset=FieldOfAction.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle Handlungsfelder"),
    )
    kind = forms.ChoiceField(
        label=_("Für"),
        choices=[("", _("alle Organisationsarten")), *TARGET_KIND_CHOICES],
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("alle")), *Status.choices], required=False
    )

    def __init__(self, *args, editor: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editor:
            del self.fields["status"]
        for name, vocabulary in VOCABULARY_FIELDS.items():
            if name in self.fields:  # the visitor's language (catalog.labels)
                self.fields[name].choices = label_choices(vocabulary, self.fields[name].choices)
        for name, form_field in self.fields.items():
            widget = form_field.widget
            widget.attrs["class"] = (
                "form-select" if isinstance(widget, forms.Select) else "form-control"
            )
            if form_field.help_text:
                widget.attrs["aria-describedby"] = f"id_{name}_help"

    def controls(self) -> list[dict]:
        """The fields as plain data for the template: the list pages render the choices in one
        loop instead of a widget template per option, which halves the page's rendering time."""
        self.is_valid()
        controls = []
        for name, form_field in self.fields.items():
            bound = self[name]
            value = bound.value()
            control = {
                "name": name,
                "id": bound.auto_id,
                "label": form_field.label,
                "help_text": form_field.help_text,
                "errors": list(self.errors.get(name, [])),
                "value": "" if value is None else str(value),
            }
            if isinstance(form_field, forms.ModelChoiceField):
                key = form_field.to_field_name or "pk"
                choices = [("", form_field.empty_label)] + [
                    (str(getattr(obj, key)), str(obj)) for obj in form_field.queryset
                ]
            elif isinstance(form_field, forms.ChoiceField):
                choices = [(str(code), str(label)) for code, label in form_field.choices]
            else:
                choices = None
            if choices is not None:
                control["options"] = [
                    (code, label, code == control["value"]) for code, label in choices
                ]
            controls.append(control)
        return controls

    def values(self) -> dict:
        """The valid filters; an invalid one is ignored (and shown with its message)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            name: data.get(name)
            for name in self.fields
            if name not in self.errors and data.get(name) not in (None, "")
        }


# Filters whose choices are catalogue vocabularies, translated in the database.
VOCABULARY_FIELDS = {"kind": "target_kind", "effort": "effort", "offer_type": "offer_type"}


class MeasureFilterForm(CatalogFilterForm):
    effort = forms.ChoiceField(
        label=_("Aufwand"), choices=[("", _("jeder Aufwand")), *Effort.choices], required=False
    )
    field_order = ["q", "field", "kind", "effort", "status"]


class OfferFilterForm(CatalogFilterForm):
    offer_type = forms.ChoiceField(
        label=_("Angebotsart"),
        choices=[("", _("alle Angebotsarten")), *OfferType.choices],
        required=False,
    )
    district = forms.ModelChoiceField(
        label=_("Landkreis"),
        queryset=District.objects.order_by("name"),
        required=False,
        empty_label=_("alle Landkreise"),
        help_text=_("Angebote, die in diesem Landkreis verfügbar sind"),
    )
    field_order = ["q", "field", "kind", "offer_type", "district", "status"]


# Editing ----------------------------------------------------------------------------------


class FilterableCheckboxes(forms.CheckboxSelectMultiple):
    """A checkbox list that catalog/js/checklist-filter.js gives a filter box."""


def _checkboxes(label, choices, **kwargs):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        **kwargs,
    )


def _migranet_contacts(*extra_pks) -> "forms.QuerySet":
    """Contacts of MigraNet partner organisations, plus any already linked."""
    return (
        Contact.objects.filter(
            Q(organization__kind=Organization.Kind.MIGRANET_PARTNER) | Q(pk__in=extra_pks)
        )
        .select_related("organization")
        .order_by("last_name", "first_name")
    )


class ContactChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        function = f", {obj.function}" if obj.function else ""
        return f"{obj.full_name}{function} ({obj.organization.name})"


class OfferChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        draft = f" – {_('Entwurf')}" if obj.status == Status.DRAFT else ""
        return f"{obj.title} ({obj.provider.name}){draft}"


def _region_errors(form) -> None:
    data = form.cleaned_data
    if not data.get("serves_all_bavaria") and not data.get("districts"):
        form.add_error(
            "districts",
            _("Bitte mindestens einen Landkreis wählen oder „in ganz Bayern“ ankreuzen."),
        )


class TranslationsMixin:
    """Title and short summary of a measure or offer in the other languages respondents and
    visitors read (catalog.labels shows them, else the German text marked as German); each is
    optional. `german_summary`: offers have no German short summary column, so it is entered
    here too."""

    german_summary = False

    def add_translation_fields(self) -> list[str]:
        current = self.instance.translations or {}
        names = []
        languages = [(code, name) for code, name in settings.LANGUAGES if code != "de"]
        if self.german_summary:
            languages.insert(0, ("de", _("Deutsch")))
        for code, language in languages:
            keys = ["summary"] if code == "de" else ["title", "summary"]
            for key in keys:
                name = f"translation_{code}_{key}"
                label = _("Titel") if key == "title" else _("Kurzfassung")
                self.fields[name] = forms.CharField(
                    label=f"{label} ({language})",
                    required=False,
                    max_length=200 if key == "title" else 600,
                    initial=(current.get(code) or {}).get(key, ""),
                    widget=forms.TextInput(attrs={"lang": code, "dir": "auto"})
                    if key == "title"
                    else forms.Textarea(attrs={"rows": 2, "lang": code, "dir": "auto"}),
                )
                names.append(name)
        self.translation_names = names
        return names

    def clean_translations(self) -> None:
        translations = {}
        for name in self.translation_names:
            _prefix, code, key = name.split("_", 2)
            text = (self.cleaned_data.get(name) or "").strip()
            if text:
                translations.setdefault(code, {})[key] = text
        self.instance.translations = translations


class MeasureForm(TranslationsMixin, forms.ModelForm):
    fields_of_action = forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder"),
        queryset=FieldOfAction.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Bitte mindestens ein Handlungsfeld wählen.")},
    )
    target_kinds = _checkboxes(
        _("Zielgruppen (Organisationsarten)"),
        TARGET_KIND_CHOICES,
        help_text=_("Leer lassen, wenn die Maßnahme für alle Organisationsarten passt."),
    )
    audiences = _checkboxes(_("Adressat*innen im Betrieb"), Audience.choices)
    levels = _checkboxes(_("Ebenen"), Level.choices)
    offers = OfferChoiceField(
        label=_("MigraNet-Angebote"),
        queryset=Offer.objects.select_related("provider").order_by("title"),
        required=False,
        widget=FilterableCheckboxes,
    )
    references = forms.ModelMultipleChoiceField(
        label=_("Literatur"),
        queryset=LiteratureReference.objects.all(),
        required=False,
        widget=FilterableCheckboxes,
    )

    class Meta:
        model = Measure
        fields = [
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
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "prerequisites": forms.Textarea(attrs={"rows": 3}),
            "cost_and_funding": forms.Textarea(attrs={"rows": 3}),
            "expected_benefit": forms.Textarea(attrs={"rows": 3}),
            "success_indicators": forms.Textarea(attrs={"rows": 3}),
            "effort": forms.RadioSelect,
            "status": forms.RadioSelect,
            "last_reviewed": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        drop_empty_radio_choices(self)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(_("Inhalt"), "title", "summary", "description"),
            Fieldset(_("Einordnung"), "fields_of_action", "target_kinds", "audiences", "levels"),
            Fieldset(
                _("Aufwand und Umsetzung"),
                "effort",
                "effort_person_days",
                "typical_duration",
                "prerequisites",
                "cost_and_funding",
                "expected_benefit",
                "success_indicators",
            ),
            Fieldset(
                _("Verknüpfungen"),
                Div("offers", css_class="filterable-checklist"),
                Div("references", css_class="filterable-checklist"),
            ),
            Fieldset(_("Veröffentlichung"), "status", "last_reviewed"),
            Fieldset(
                _("Titel und Kurzfassung in anderen Sprachen"), *self.add_translation_fields()
            ),
        )

    def clean(self):
        data = super().clean()
        self.clean_translations()
        return data


class NewReferenceForm(forms.ModelForm):
    """An optional new literature reference, created and linked while editing a measure."""

    prefix = "new_reference"

    class Meta:
        model = LiteratureReference
        fields = ["authors", "year", "title", "publisher", "url"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for form_field in self.fields.values():
            form_field.required = False
        self.helper = FormHelper()
        self.helper.form_tag = False

    def has_reference(self) -> bool:
        return bool(self.is_bound and any(self.data.get(self.add_prefix(n)) for n in self.fields))

    def clean(self):
        data = super().clean()
        if self.has_reference():
            for name in ("authors", "title"):
                if not data.get(name):
                    self.add_error(name, _("Für eine neue Literaturangabe bitte ausfüllen."))
        return data

    def validate_unique(self):
        if self.has_reference():
            super().validate_unique()

    def _post_clean(self):
        if self.has_reference():
            super()._post_clean()


class OfferForm(TranslationsMixin, forms.ModelForm):
    german_summary = True

    fields_of_action = forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder"),
        queryset=FieldOfAction.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Bitte mindestens ein Handlungsfeld wählen.")},
    )
    target_kinds = _checkboxes(
        _("Zielgruppen (Organisationsarten)"),
        TARGET_KIND_CHOICES,
        help_text=_("Leer lassen, wenn das Angebot allen Organisationsarten offensteht."),
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Landkreise"),
        queryset=District.objects.order_by("name"),
        required=False,
        widget=FilterableCheckboxes,
        help_text=_("Nur nötig, wenn das Angebot nicht in ganz Bayern verfügbar ist."),
    )
    contacts = ContactChoiceField(
        label=_("Ansprechpersonen"),
        queryset=Contact.objects.none(),
        required=False,
        widget=FilterableCheckboxes,
        help_text=_(
            "Personen der MigraNet-Partner aus dem Adressbuch. Öffentlich erscheinen nur "
            "Personen, die eingewilligt haben."
        ),
    )

    class Meta:
        model = Offer
        fields = [
            "provider",
            "title",
            "offer_type",
            "description",
            "fields_of_action",
            "target_kinds",
            "serves_all_bavaria",
            "districts",
            "languages",
            "cost",
            "contact",
            "contacts",
            "url",
            "valid_from",
            "valid_until",
            "status",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "contact": forms.Textarea(attrs={"rows": 2}),
            "valid_from": DateInput(),
            "valid_until": DateInput(),
            "status": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        linked = (
            list(self.instance.contacts.values_list("pk", flat=True)) if self.instance.pk else []
        )
        self.fields["contacts"].queryset = _migranet_contacts(*linked)
        drop_empty_radio_choices(self)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(_("Angebot"), "provider", "title", "offer_type", "description"),
            Fieldset(_("Für wen"), "fields_of_action", "target_kinds"),
            Fieldset(
                _("Wo"), "serves_all_bavaria", Div("districts", css_class="filterable-checklist")
            ),
            Fieldset(
                _("Kontakt und Bedingungen"),
                "languages",
                "cost",
                "contact",
                Div("contacts", css_class="filterable-checklist"),
                "url",
                "valid_from",
                "valid_until",
            ),
            Fieldset(_("Veröffentlichung"), "status"),
            Fieldset(_("Kurzfassungen für Befragte und Besucher"), *self.add_translation_fields()),
        )

    def clean(self):
        data = super().clean()
        self.clean_translations()
        _region_errors(self)
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("„gültig bis“ darf nicht vor „gültig ab“ liegen."))
        return data


class ProviderForm(forms.ModelForm):
    districts = forms.ModelMultipleChoiceField(
        label=_("Landkreise"),
        queryset=District.objects.order_by("name"),
        required=False,
        widget=FilterableCheckboxes,
        help_text=_("Nur nötig, wenn der Träger nicht in ganz Bayern tätig ist."),
    )
    contacts = ContactChoiceField(
        label=_("Ansprechpersonen"),
        queryset=Contact.objects.none(),
        required=False,
        widget=FilterableCheckboxes,
    )

    class Meta:
        model = Provider
        fields = [
            "name",
            "kind",
            "description",
            "website",
            "organization",
            "contacts",
            "serves_all_bavaria",
            "districts",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        linked = (
            list(self.instance.contacts.values_list("pk", flat=True)) if self.instance.pk else []
        )
        self.fields["contacts"].queryset = _migranet_contacts(*linked)
        current = self.instance.organization_id
        self.fields["organization"].queryset = Organization.objects.filter(
            Q(kind=Organization.Kind.MIGRANET_PARTNER) | Q(pk=current)
        ).order_by("name")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "name",
            "kind",
            "description",
            "website",
            "organization",
            Div("contacts", css_class="filterable-checklist"),
            "serves_all_bavaria",
            Div("districts", css_class="filterable-checklist"),
        )

    def clean(self):
        data = super().clean()
        _region_errors(self)
        return data


class ReferenceForm(forms.ModelForm):
    class Meta:
        model = LiteratureReference
        fields = ["authors", "year", "title", "publisher", "url"]


# "Wer hilft uns?" -------------------------------------------------------------------------


class MatchForm(forms.Form):
    """Either an organisation of the address book (project team) or kind + district."""

    organization = forms.ModelChoiceField(
        label=_("Organisation aus dem Adressbuch"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("– keine, Angaben unten verwenden –"),
    )
    kind = forms.ChoiceField(
        label=_("Wir sind"), choices=[("", _("bitte wählen")), *TARGET_KIND_CHOICES], required=False
    )
    district = forms.ModelChoiceField(
        label=_("Landkreis"),
        queryset=District.objects.order_by("name"),
        required=False,
        empty_label=_("bitte wählen"),
    )
    fields_of_action = forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder, bei denen wir Unterstützung suchen"),
        queryset=FieldOfAction.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ohne Auswahl zählen alle Handlungsfelder."),
    )

    def __init__(self, *args, editor: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = label_choices("target_kind", self.fields["kind"].choices)
        if editor:
            self.fields["organization"].queryset = (
                Organization.objects.exclude(kind=Organization.Kind.MIGRANET_PARTNER)
                .select_related("district")
                .order_by("name")
            )
            self.fields["organization"].label_from_instance = lambda org: (
                f"{org.name} ({org.get_kind_display()}, {org.district.name})"
            )
        else:
            del self.fields["organization"]

    def clean(self):
        data = super().clean()
        if data.get("organization"):
            return data
        if not data.get("kind"):
            self.add_error("kind", _("Bitte wählen Sie, welche Art von Organisation Sie sind."))
        if not data.get("district"):
            self.add_error("district", _("Bitte wählen Sie Ihren Landkreis."))
        return data
