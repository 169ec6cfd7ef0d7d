"""Forms of the needs questionnaire: one page of questions for a respondent, and the builder's.

A page form is built from the page's questions; its messages are fetched through gettext while
the respondent's language is active (views use translation.override), so German and English
respondents read them in their language. `blocks()` prepares each question for the template,
which writes the HTML itself so that every choice group is a fieldset with a legend and every
error is tied to its field with aria-describedby.
"""

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ikokmu.uploads import UploadField
from surveys.models import Question
from surveys.queries import text_in

OTHER = "other"
DONT_KNOW = "dont_know"


def _name(question: Question, item=None) -> str:
    return f"q_{question.code}" + (f"__{item.code}" if item is not None else "")


def _other_name(question: Question) -> str:
    return f"q_{question.code}__other"


@dataclass
class Option:
    value: str
    label: str
    checked: bool
    id: str
    exclusive: bool = False  # "keine davon": the page's script unticks the others


@dataclass
class Block:
    """One question as the template shows it."""

    question: Question
    kind: str  # radio, checkbox, select, matrix, text, textarea, number, date
    text: str
    help: str
    name: str
    id: str
    required: bool
    value: str = ""
    options: list[Option] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    items: list[dict] = field(default_factory=list)
    other: dict | None = None
    unit: str = ""
    low_label: str = ""
    high_label: str = ""
    hint: str = ""
    max_choices: int | None = None  # the page's script stops ticking at this many
    input_mode: str = "decimal"
    show_if: str = ""  # JSON of conditions on questions of the same page, for the page's script

    @property
    def described_by(self) -> str:
        ids = []
        if self.help:
            ids.append(f"{self.id}-help")
        if self.hint:
            ids.append(f"{self.id}-hint")
        if self.errors:
            ids.append(f"{self.id}-error")
        return " ".join(ids)


class PageForm(forms.Form):
    """The questions of one section. `enforce_required=False` when the respondent goes back, so
    that what they entered is kept without insisting on the rest."""

    def __init__(self, *args, questions, language, enforce_required=True, active=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.language = language
        self.enforce_required = enforce_required
        # The questions whose conditions hold; the others are shown (the page's script hides
        # them) but neither required nor stored.
        self.active = {q.pk for q in questions} if active is None else set(active)
        for question in questions:
            self._add_fields(question)

    def field_names(self, question) -> list[str]:
        if question.type == Question.Type.MATRIX:
            names = [_name(question, item) for item in question.items_list]
        else:
            names = [_name(question)]
        if question.has_other:
            names.append(_other_name(question))
        return names

    def t(self, texts) -> str:
        return text_in(texts, self.language)

    def _scale_choices(self, question) -> list[tuple[str, str]]:
        choices = [(str(n), str(n)) for n in range(1, (question.scale_points or 5) + 1)]
        if question.allow_dont_know:
            choices.append((DONT_KNOW, _("weiß nicht")))
        return choices

    def _add_fields(self, question: Question) -> None:
        required = question.required and self.enforce_required and question.pk in self.active
        messages = {
            "required": _("Bitte beantworten Sie diese Frage."),
            "invalid_choice": _("Bitte wählen Sie eine der angebotenen Antworten."),
        }
        name = _name(question)
        T = Question.Type
        match question.type:
            case T.SINGLE_CHOICE | T.YES_NO:
                self.fields[name] = forms.ChoiceField(
                    choices=[(c.code, c.code) for c in question.choices_list],
                    required=required,
                    error_messages=messages,
                )
            case T.MULTIPLE_CHOICE:
                self.fields[name] = forms.MultipleChoiceField(
                    choices=[(c.code, c.code) for c in question.choices_list],
                    required=required,
                    error_messages={
                        **messages,
                        "required": _("Bitte wählen Sie mindestens eine Antwort."),
                    },
                )
            case T.RATING:
                self.fields[name] = forms.ChoiceField(
                    choices=self._scale_choices(question),
                    required=required,
                    error_messages=messages,
                )
            case T.MATRIX:
                for item in question.items_list:
                    self.fields[_name(question, item)] = forms.ChoiceField(
                        choices=self._scale_choices(question),
                        required=required,
                        error_messages={
                            **messages,
                            "required": _("Bitte bewerten Sie diese Zeile."),
                        },
                    )
            case T.SHORT_TEXT | T.LONG_TEXT:
                limit = 300 if question.type == T.SHORT_TEXT else 5000
                self.fields[name] = forms.CharField(
                    max_length=limit,
                    required=required,
                    error_messages={
                        **messages,
                        "max_length": _("Bitte höchstens %(limit)d Zeichen eingeben.")
                        % {"limit": limit},
                    },
                )
            case T.NUMBER:
                self.fields[name] = forms.DecimalField(
                    max_digits=14,
                    decimal_places=2,
                    localize=True,
                    required=required,
                    error_messages={
                        **messages,
                        "invalid": _("Bitte geben Sie eine Zahl ein."),
                        "max_decimal_places": _("Bitte höchstens zwei Nachkommastellen angeben."),
                        "max_digits": _("Diese Zahl ist zu groß."),
                        "max_whole_digits": _("Diese Zahl ist zu groß."),
                    },
                )
            case T.DATE if question.date_precision != Question.DatePrecision.DAY:
                self.fields[name] = PartialDateField(
                    precision=question.date_precision,
                    required=required,
                    error_messages=messages,
                )
            case T.DATE:
                self.fields[name] = forms.DateField(
                    input_formats=["%Y-%m-%d", "%d.%m.%Y"],
                    required=required,
                    error_messages={
                        **messages,
                        "invalid": _("Bitte geben Sie ein gültiges Datum ein."),
                    },
                )
        if question.has_other:
            self.fields[_other_name(question)] = forms.CharField(max_length=300, required=False)

    # Validation beyond the field types -------------------------------------------------------

    def clean(self):
        cleaned = super().clean()
        T = Question.Type
        for question in self.questions:
            if question.pk not in self.active:
                for name in self.field_names(question):
                    self._errors.pop(name, None)
                continue
            name = _name(question)
            value = cleaned.get(name)
            if question.type == T.NUMBER and value is not None:
                unit = self.t(question.unit)
                low, high = question.number_min, question.number_max
                if low is not None and value < low:
                    self.add_error(
                        name,
                        _("Bitte geben Sie mindestens %(n)s an.") % {"n": _number_text(low, unit)},
                    )
                if high is not None and value > high:
                    self.add_error(
                        name,
                        _("Bitte geben Sie höchstens %(n)s an.") % {"n": _number_text(high, unit)},
                    )
                if question.number_integer and value != value.to_integral():
                    self.add_error(name, _("Bitte geben Sie eine ganze Zahl ein."))
            if question.type == T.MULTIPLE_CHOICE and value:
                low, high = question.min_choices, question.max_choices
                if low and len(value) < low:
                    self.add_error(
                        name, _("Bitte wählen Sie mindestens %(n)d Antworten.") % {"n": low}
                    )
                if high and len(value) > high:
                    self.add_error(
                        name, _("Bitte wählen Sie höchstens %(n)d Antworten.") % {"n": high}
                    )
                exclusive = [c for c in question.choices_list if c.exclusive and c.code in value]
                if exclusive and len(value) > 1:
                    self.add_error(
                        name,
                        _("„%(label)s“ lässt sich nicht mit anderen Antworten verbinden.")
                        % {"label": self.t(exclusive[0].label)},
                    )
            if question.has_other:
                chosen = value if isinstance(value, list) else [value]
                other = (cleaned.get(_other_name(question)) or "").strip()
                if OTHER in chosen and not other and self.enforce_required:
                    self.add_error(_other_name(question), _("Bitte beschreiben Sie „Sonstiges“."))
        return cleaned

    def values(self) -> dict[int, object]:
        """Cleaned values by question pk, in the shape services.response_save_page stores."""
        T = Question.Type
        result: dict[int, object] = {}
        for question in self.questions:
            if question.pk not in self.active:
                continue
            name = _name(question)
            other = (self.cleaned_data.get(_other_name(question)) or "").strip()
            value = self.cleaned_data.get(name)
            choices = {c.code: c.pk for c in question.choices_list}
            match question.type:
                case T.SINGLE_CHOICE | T.YES_NO:
                    if value:
                        result[question.pk] = (choices[value], other if value == OTHER else "")
                case T.MULTIPLE_CHOICE:
                    if value:
                        result[question.pk] = (
                            [choices[code] for code in value],
                            other if OTHER in value else "",
                        )
                case T.RATING:
                    if value:
                        result[question.pk] = _scale_value(value)
                case T.MATRIX:
                    rows = {}
                    for item in question.items_list:
                        item_value = self.cleaned_data.get(_name(question, item))
                        if item_value:
                            rows[item.pk] = _scale_value(item_value)
                    if rows:
                        result[question.pk] = rows
                case T.SHORT_TEXT | T.LONG_TEXT:
                    if value and value.strip():
                        result[question.pk] = value.strip()
                case _:
                    if value is not None:
                        result[question.pk] = value
        return result

    def condition_values(self) -> dict:
        """The page's valid answers in the shape of queries.answer_values, so conditions on
        questions of the same page can be evaluated before saving."""
        T = Question.Type
        values = {}
        data = getattr(self, "cleaned_data", {})
        for question in self.questions:
            value = data.get(_name(question))
            if value in (None, "", []):
                continue
            match question.type:
                case T.MULTIPLE_CHOICE:
                    values[question.code] = set(value)
                case T.RATING:
                    number, dont_know = _scale_value(value)
                    values[question.code] = "dont_know" if dont_know else number
                case T.MATRIX:
                    continue
                case _:
                    values[question.code] = value
        return values

    # Presentation ----------------------------------------------------------------------------

    def _raw(self, name):
        return self[name].value() if name in self.fields else None

    def _options(self, question, name, choices, selected) -> list[Option]:
        chosen = {str(v) for v in (selected if isinstance(selected, list) else [selected])}
        exclusive = {c.code for c in question.choices_list if c.exclusive}
        return [
            Option(value, label, value in chosen, f"id_{name}_{n}", value in exclusive)
            for n, (value, label) in enumerate(choices)
        ]

    def blocks(self) -> list[Block]:
        T = Question.Type
        blocks = []
        for question in self.questions:
            name = _name(question)
            block = Block(
                question=question,
                kind="",
                text=self.t(question.text),
                help=self.t(question.help_text),
                name=name,
                id=f"frage-{question.code}",
                required=question.required,
                errors=list(self.errors.get(name, [])) if self.is_bound else [],
            )
            labelled = [(c.code, self.t(c.label)) for c in question.choices_list]
            match question.type:
                case T.SINGLE_CHOICE | T.YES_NO:
                    dropdown = question.display == Question.Display.DROPDOWN
                    block.kind = "select" if dropdown and question.type != T.YES_NO else "radio"
                    block.value = self._raw(name) or ""
                    block.options = self._options(question, name, labelled, block.value)
                case T.MULTIPLE_CHOICE:
                    block.kind = "checkbox"
                    block.options = self._options(question, name, labelled, self._raw(name) or [])
                    low, high = question.min_choices, question.max_choices
                    if low and high:
                        block.hint = _("Bitte %(low)d bis %(high)d Antworten wählen.") % {
                            "low": low,
                            "high": high,
                        }
                    elif high:
                        block.hint = _("Höchstens %(n)d Antworten.") % {"n": high}
                    elif low:
                        block.hint = _("Mindestens %(n)d Antworten.") % {"n": low}
                    block.max_choices = high
                case T.RATING:
                    block.kind = "radio"
                    block.options = self._options(
                        question, name, self._scale_labels(question), self._raw(name)
                    )
                    block.hint = self._scale_hint(question)
                case T.MATRIX:
                    block.kind = "matrix"
                    block.hint = self._scale_hint(question)
                    for item in question.items_list:
                        item_name = _name(question, item)
                        errors = list(self.errors.get(item_name, [])) if self.is_bound else []
                        block.items.append(
                            {
                                "legend": self.t(item.label),
                                "id": f"{block.id}-{item.code}",
                                "name": item_name,
                                "errors": errors,
                                "options": self._options(
                                    question,
                                    item_name,
                                    self._scale_labels(question),
                                    self._raw(item_name),
                                ),
                            }
                        )
                        block.errors += errors
                case T.SHORT_TEXT | T.LONG_TEXT:
                    block.kind = "text" if question.type == T.SHORT_TEXT else "textarea"
                    block.value = self._raw(name) or ""
                case T.NUMBER:
                    block.kind = "number"
                    raw = self._raw(name)
                    if isinstance(raw, Decimal):
                        raw = formats.localize_input(plain_decimal(raw))
                    block.value = raw or ""
                    block.unit = self.t(question.unit)
                    block.hint = _number_hint(question)
                    if question.number_integer:
                        block.input_mode = "numeric"
                case T.DATE:
                    block.kind = "date"
                    raw = self._raw(name)
                    precision = question.date_precision
                    if precision != Question.DatePrecision.DAY:
                        block.kind = f"date_{precision}"
                        block.input_mode = "numeric"
                        block.hint = _date_hint(precision)
                    if hasattr(raw, "isoformat"):
                        raw = partial_date_input(raw, precision)
                    block.value = raw or ""
            same_page = [
                {
                    "source": _name(c.source),
                    "operator": c.operator,
                    "values": [str(v) for v in c.values],
                }
                for c in question.conditions_list
                if c.source.section_id == question.section_id
            ]
            if same_page:
                block.show_if = json.dumps(same_page)
            if question.has_other:
                other_name = _other_name(question)
                block.other = {
                    "name": other_name,
                    "id": f"id_{other_name}",
                    "label": self.t(question.other_label) or _("Sonstiges, und zwar:"),
                    "value": self._raw(other_name) or "",
                    "errors": list(self.errors.get(other_name, [])) if self.is_bound else [],
                }
                block.errors += block.other["errors"]
            blocks.append(block)
        return blocks

    def _scale_labels(self, question) -> list[tuple[str, str]]:
        low, high = self.t(question.scale_low_label), self.t(question.scale_high_label)
        points = question.scale_points or 5
        labels = []
        for value, label in self._scale_choices(question):
            if value == "1" and low:
                label = f"1 – {low}"
            elif value == str(points) and high:
                label = f"{points} – {high}"
            labels.append((value, label))
        return labels

    def _scale_hint(self, question) -> str:
        low, high = self.t(question.scale_low_label), self.t(question.scale_high_label)
        if low and high:
            return _("Skala von 1 (%(low)s) bis %(points)d (%(high)s).") % {
                "low": low,
                "high": high,
                "points": question.scale_points or 5,
            }
        return ""

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor, message) for the error summary at the top, in page order."""
        summary = []
        for block in self.blocks():
            for message in block.errors:
                summary.append((f"{block.id}-error", _question_and_message(block.text, message)))
        return summary


def _question_and_message(question: str, message: str) -> str:
    """ "Frage: Meldung", without a colon after a question that ends in its own punctuation
    ("Wie viele Beschäftigte …?: Bitte …" read as a typo)."""
    question = question.rstrip()
    if question.endswith(("?", "!", ".", ":", "…", "؟")):
        return f"{question} {message}"
    return f"{question}: {message}"


def _number_hint(question) -> str:
    low, high = question.number_min, question.number_max
    ranged = low is not None and high is not None
    bounds = {"low": _number_text(low, ""), "high": _number_text(high, "")} if ranged else {}
    if question.number_integer:
        if ranged:
            return _("Bitte eine ganze Zahl von %(low)s bis %(high)s eingeben.") % bounds
        return _("Bitte eine ganze Zahl eingeben.")
    example = formats.number_format(Decimal("2.5"), 1)
    if ranged:
        return _(
            "Eine Zahl von %(low)s bis %(high)s; Nachkommastellen sind erlaubt (z. B. %(example)s)."
        ) % {**bounds, "example": example}
    return _("Nachkommastellen sind erlaubt (z. B. %(example)s).") % {"example": example}


def _date_hint(precision: str) -> str:
    if precision == Question.DatePrecision.YEAR:
        return _("Bitte das Jahr mit vier Ziffern eingeben, z. B. 2015.")
    return _("Bitte Monat und Jahr eingeben, z. B. 03.2015.")


def partial_date_input(value, precision: str) -> str:
    """A stored date as the input of its precision shows it: 2015, 2015-03 or 2015-03-14."""
    if precision == Question.DatePrecision.YEAR:
        return str(value.year)
    if precision == Question.DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


class PartialDateField(forms.Field):
    """A year (2015) or a month (2015-03 as the month picker sends it, or 03.2015 and 3/2015 as
    people type it), stored as the first day of that year or month."""

    YEAR = re.compile(r"\s*(\d{4})\s*")
    MONTH = re.compile(r"\s*(?:(\d{4})-(\d{1,2})|(\d{1,2})\s*[./-]\s*(\d{4}))\s*")

    def __init__(self, *, precision, **kwargs):
        self.precision = precision
        super().__init__(**kwargs)

    def to_python(self, value):
        import datetime

        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value
        text = str(value)
        if self.precision == Question.DatePrecision.YEAR:
            found = self.YEAR.fullmatch(text)
            year = int(found.group(1)) if found else 0
            if not 1000 <= year <= 2999:
                raise forms.ValidationError(
                    _("Bitte geben Sie ein Jahr mit vier Ziffern ein, z. B. 2015."), code="invalid"
                )
            return datetime.date(year, 1, 1)
        found = self.MONTH.fullmatch(text)
        if found:
            year = int(found.group(1) or found.group(4))
            month = int(found.group(2) or found.group(3))
            if 1000 <= year <= 2999 and 1 <= month <= 12:
                return datetime.date(year, month, 1)
        raise forms.ValidationError(
            _("Bitte geben Sie Monat und Jahr ein, z. B. 03.2015."), code="invalid"
        )


def _scale_value(value: str) -> tuple[Decimal | None, bool]:
    if value == DONT_KNOW:
        return None, True
    return Decimal(value), False


def plain_decimal(value: Decimal) -> Decimal:
    """25.00 as 25 and 4.50 as 4.5 (normalize alone would write 100 as 1E+2)."""
    if value == value.to_integral():
        return value.quantize(Decimal(1))
    return value.normalize()


def _number_text(value: Decimal, unit: str) -> str:
    text = formats.number_format(plain_decimal(value))
    return f"{text} {unit}".strip()


def initial_from_values(questions, values: dict) -> dict:
    """Form initial data from stored answers (queries.answer_values)."""
    T = Question.Type
    initial = {}
    for question in questions:
        name = _name(question)
        value = values.get(question.code)
        if (question.code, "other") in values:
            initial[_other_name(question)] = values[(question.code, "other")]
        if value is None:
            continue
        match question.type:
            case T.MULTIPLE_CHOICE:
                initial[name] = sorted(value)
            case T.RATING:
                initial[name] = value if value == DONT_KNOW else str(int(value))
            case T.MATRIX:
                for item in question.items_list:
                    item_value = value.get(item.code)
                    if item_value is not None:
                        initial[_name(question, item)] = (
                            item_value if item_value == DONT_KNOW else str(int(item_value))
                        )
            case _:
                initial[name] = value
    return initial


# Respondent's entry and the builder ---------------------------------------------------------


class ConsentForm(forms.Form):
    consent = forms.BooleanField(required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].error_messages["required"] = _(
            "Bitte stimmen Sie zu, um den Fragebogen auszufüllen."
        )


class QuestionnaireImportForm(forms.Form):
    file = UploadField(
        max_bytes=2 * 1024 * 1024,
        label=gettext_lazy("JSON-Datei"),
        help_text=gettext_lazy("Eine Datei, die hier als JSON exportiert wurde."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2_000_000:
            raise forms.ValidationError(_("Die Datei ist größer als 2 MB."))
        try:
            data = json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise forms.ValidationError(_("Die Datei ist kein gültiges JSON.")) from error
        except RecursionError as error:  # "[[[[…" 100,000 deep: Python's parser gives up
            raise forms.ValidationError(_too_deep()) from error
        if _json_depth(data) > MAX_JSON_DEPTH:
            raise forms.ValidationError(_too_deep())
        return data


# An exported questionnaire is six levels deep (sections, questions, choices, texts per
# language); deeper data is no export and would only strain what reads it.
MAX_JSON_DEPTH = 20


def _too_deep() -> str:
    return _("Die Datei ist zu tief verschachtelt; sie ist kein exportierter Fragebogen.")


def _json_depth(data) -> int:
    """How deep lists and objects are nested in `data`, counted without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            if deepest > MAX_JSON_DEPTH:
                return deepest
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return deepest


class CopyForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name der Kopie"), max_length=200)


# Builder forms: one field per text and language -----------------------------------------------


def _language_label(label, code) -> str:
    from surveys.models import language_label

    return f"{label} ({language_label(code)})"


class TranslatedTextsMixin:
    """Adds `<name>_<language>` fields for each translated text; `texts()` gives the dicts."""

    translated: list[tuple[str, str, bool, bool]] = []  # name, label, long, required in German

    def add_translated(self, languages, instance=None):
        for name, label, long, required in self.translated:
            current = getattr(instance, name, None) or {}
            for code in languages:
                self.fields[f"{name}_{code}"] = forms.CharField(
                    label=_language_label(label, code),
                    required=required and code == "de",
                    widget=forms.Textarea(attrs={"rows": 3}) if long else forms.TextInput(),
                    initial=current.get(code, ""),
                    error_messages={"required": _("Bitte geben Sie den deutschen Text ein.")},
                )
        self.languages = languages

    def texts(self) -> dict[str, dict]:
        result = {}
        for name, _label, _long, _required in self.translated:
            result[name] = {
                code: self.cleaned_data[f"{name}_{code}"].strip()
                for code in self.languages
                if self.cleaned_data.get(f"{name}_{code}", "").strip()
            }
        return result


class VersionForm(TranslatedTextsMixin, forms.Form):
    translated = [
        ("title", gettext_lazy("Titel"), False, True),
        ("introduction", gettext_lazy("Einleitung"), True, False),
        ("privacy_notice", gettext_lazy("Datenschutzhinweis"), True, True),
        ("consent_label", gettext_lazy("Einwilligung"), False, True),
        ("closing_text", gettext_lazy("Schlusstext"), True, False),
    ]

    def __init__(self, *args, version, **kwargs):
        from surveys.models import LANGUAGE_LABELS

        super().__init__(*args, **kwargs)
        self.fields["languages"] = forms.MultipleChoiceField(
            label=gettext_lazy("Weitere Sprachen"),
            choices=[(c, str(n)) for c, n in LANGUAGE_LABELS.items() if c != "de"],
            widget=forms.CheckboxSelectMultiple,
            required=False,
            initial=[c for c in version.languages if c != "de"],
        )
        self.add_translated(version.languages, version)


class SectionForm(TranslatedTextsMixin, forms.Form):
    translated = [
        ("title", gettext_lazy("Titel"), False, True),
        ("description", gettext_lazy("Beschreibung"), True, False),
    ]

    conditions_text = forms.CharField(
        label=gettext_lazy("Abschnitt nur zeigen, wenn"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Eine Bedingung je Zeile: Code einer Frage aus einem früheren Abschnitt, Regel "
            "(equals, one_of, contains, greater, less) und Werte, z. B. „q04_international "
            "equals ja“."
        ),
    )

    def __init__(self, *args, languages, section=None, earlier=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.earlier = {q.code for q in earlier}
        if section is not None:
            self.fields["conditions_text"].initial = conditions_lines(section.conditions.all())
        self.add_translated(languages, section)

    def clean(self):
        cleaned = super().clean()
        self.condition_rows = parse_conditions(self, "conditions_text", self.earlier)
        return cleaned


class QuestionForm(TranslatedTextsMixin, forms.Form):
    """A question with its choices and matrix rows, entered one per line as
    `code | German | English | …` in the order of the version's languages."""

    translated = [
        ("text", gettext_lazy("Fragetext"), False, True),
        ("help_text", gettext_lazy("Hilfetext"), False, False),
        ("other_label", gettext_lazy("Beschriftung „Sonstiges“"), False, False),
        ("scale_low_label", gettext_lazy("Beschriftung unteres Skalenende"), False, False),
        ("scale_high_label", gettext_lazy("Beschriftung oberes Skalenende"), False, False),
        ("unit", gettext_lazy("Einheit"), False, False),
    ]

    code = forms.SlugField(
        label=gettext_lazy("Code"),
        max_length=40,
        help_text=gettext_lazy("Stabiler Kurzname für Exporte, z. B. q01_branche"),
    )
    type = forms.ChoiceField(label=gettext_lazy("Fragetyp"), choices=Question.Type.choices)
    required = forms.BooleanField(label=gettext_lazy("Pflichtfrage"), required=False)
    display = forms.ChoiceField(
        label=gettext_lazy("Darstellung der Einfachauswahl"),
        choices=Question.Display.choices,
        initial=Question.Display.RADIO,
    )
    has_other = forms.BooleanField(
        label=gettext_lazy("mit „Sonstiges“ und Freitext (Antwortmöglichkeit mit Code other)"),
        required=False,
    )
    min_choices = forms.IntegerField(
        label=gettext_lazy("Mindestens … Antworten"), min_value=1, required=False
    )
    max_choices = forms.IntegerField(
        label=gettext_lazy("Höchstens … Antworten"), min_value=1, required=False
    )
    scale_points = forms.TypedChoiceField(
        label=gettext_lazy("Skalenpunkte"),
        choices=[("", "–"), ("5", "5"), ("7", "7")],
        coerce=int,
        empty_value=None,
        required=False,
    )
    allow_dont_know = forms.BooleanField(label=gettext_lazy("mit „weiß nicht“"), required=False)
    number_min = forms.DecimalField(label=gettext_lazy("Kleinster Wert"), required=False)
    number_max = forms.DecimalField(label=gettext_lazy("Größter Wert"), required=False)
    number_integer = forms.BooleanField(
        label=gettext_lazy("Nur ganze Zahlen (keine Nachkommastellen)"), required=False
    )
    date_precision = forms.ChoiceField(
        label=gettext_lazy("Ein Datum fragt nach"),
        choices=Question.DatePrecision.choices,
        initial=Question.DatePrecision.DAY,
        required=False,
    )
    exclusive_codes = forms.CharField(
        label=gettext_lazy("Antworten, die alle anderen ausschließen"),
        required=False,
        max_length=400,
        help_text=gettext_lazy(
            "Codes mit Komma, z. B. „keine“: Wer sie ankreuzt, dem werden die anderen "
            "Antworten abgewählt (nur Mehrfachauswahl)."
        ),
    )
    breakdown = forms.ChoiceField(
        label=gettext_lazy("Auswertung nach"),
        choices=Question.Breakdown.choices,
        required=False,
        help_text=gettext_lazy(
            "Ergebnisse lassen sich nach der Antwort auf diese Frage aufschlüsseln, auch in "
            "anonymen Runden: Branche (Einfachauswahl) oder Betriebsgröße (Zahl der "
            "Beschäftigten oder Einfachauswahl). Je Fragebogen eine Frage für jede Auswertung."
        ),
    )
    choices_text = forms.CharField(
        label=gettext_lazy("Antwortmöglichkeiten"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    items_text = forms.CharField(
        label=gettext_lazy("Matrixzeilen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    weights_text = forms.CharField(
        label=gettext_lazy("Handlungsfelder und Gewichte"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Eine Zeile je Antwortmöglichkeit oder Matrixzeile (ihr Code) oder * für die "
            "Skalenfrage selbst, dann Doppelpunkt und Handlungsfelder mit Gewicht, z. B. "
            "„nein: onboarding=1, sprache=0.5“."
        ),
    )
    conditions_text = forms.CharField(
        label=gettext_lazy("Nur zeigen, wenn"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Eine Bedingung je Zeile, alle müssen zutreffen: Code einer früheren Frage, Regel "
            "(equals, one_of, contains, greater, less) und Werte mit Komma, z. B. "
            "„q04_international equals ja“."
        ),
    )

    def __init__(self, *args, languages, question=None, earlier=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.earlier = {q.code for q in earlier}  # codes conditions may refer to
        hint = _("Eine pro Zeile: Code | %(languages)s") % {"languages": " | ".join(languages)}
        self.fields["choices_text"].help_text = hint
        self.fields["items_text"].help_text = hint
        if question is not None:
            for name in [
                "code",
                "type",
                "required",
                "display",
                "has_other",
                "min_choices",
                "max_choices",
                "scale_points",
                "allow_dont_know",
                "number_min",
                "number_max",
                "number_integer",
                "date_precision",
                "breakdown",
            ]:
                self.fields[name].initial = getattr(question, name)
            self.fields["exclusive_codes"].initial = ", ".join(
                c.code for c in question.choices.all() if c.exclusive
            )
            self.fields["choices_text"].initial = self._lines(question.choices.all(), languages)
            self.fields["items_text"].initial = self._lines(question.items.all(), languages)
            self.fields["weights_text"].initial = weights_lines(question)
            self.fields["conditions_text"].initial = conditions_lines(question.conditions.all())
        self.add_translated(languages, question)

    @staticmethod
    def _lines(rows, languages) -> str:
        return "\n".join(
            " | ".join([row.code, *[row.label.get(code, "") for code in languages]]) for row in rows
        )

    def _parse(self, name) -> list[dict]:
        rows, codes = [], set()
        for number, line in enumerate(self.cleaned_data.get(name, "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            code = parts[0]
            if not _is_slug(code):
                self.add_error(
                    name,
                    _("Zeile %(n)d: Der Code darf nur Buchstaben, Ziffern, - und _ enthalten.")
                    % {"n": number},
                )
                continue
            if len(parts) < 2 or not parts[1]:
                self.add_error(
                    name, _("Zeile %(n)d: Bitte den deutschen Text angeben.") % {"n": number}
                )
                continue
            if code in codes:
                self.add_error(
                    name,
                    _("Zeile %(n)d: Den Code %(code)s gibt es schon.")
                    % {"n": number, "code": code},
                )
                continue
            codes.add(code)
            label = {c: text for c, text in zip(self.languages, parts[1:], strict=False) if text}
            rows.append({"code": code, "label": label})
        return rows

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("type")
        self.choice_rows = self._parse("choices_text")
        self.item_rows = self._parse("items_text")
        choice_kinds = (Question.Type.SINGLE_CHOICE, Question.Type.MULTIPLE_CHOICE)
        if kind in choice_kinds and len(self.choice_rows) < 2:
            self.add_error("choices_text", _("Bitte mindestens zwei Antwortmöglichkeiten."))
        if kind == Question.Type.YES_NO and not self.choice_rows:
            self.choice_rows = [
                {"code": "ja", "label": {"de": "Ja", "en": "Yes"}},
                {"code": "nein", "label": {"de": "Nein", "en": "No"}},
            ]
        if kind == Question.Type.MATRIX and not self.item_rows:
            self.add_error("items_text", _("Bitte mindestens eine Matrixzeile."))
        if kind in (Question.Type.RATING, Question.Type.MATRIX) and not cleaned.get("scale_points"):
            self.add_error("scale_points", _("Bitte 5 oder 7 Skalenpunkte wählen."))
        if cleaned.get("has_other") and "other" not in {r["code"] for r in self.choice_rows}:
            self.add_error(
                "has_other", _("Bitte eine Antwortmöglichkeit mit dem Code other anlegen.")
            )
        low, high = cleaned.get("min_choices"), cleaned.get("max_choices")
        if low and high and low > high:
            self.add_error(
                "max_choices", _("Höchstens muss mindestens so groß sein wie mindestens.")
            )
        low, high = cleaned.get("number_min"), cleaned.get("number_max")
        if low is not None and high is not None and low > high:
            self.add_error("number_max", _("Der größte Wert muss über dem kleinsten liegen."))
        breakdown = cleaned.get("breakdown")
        if breakdown and kind and kind not in Question.BREAKDOWN_TYPES[breakdown]:
            self.add_error(
                "breakdown",
                _("Nach Branche lässt sich nur mit einer Einfachauswahl auswerten.")
                if breakdown == Question.Breakdown.SECTOR
                else _(
                    "Nach Betriebsgröße lässt sich nur mit einer Zahl (Beschäftigte) oder einer "
                    "Einfachauswahl auswerten."
                ),
            )
        exclusive = {c.strip() for c in cleaned.get("exclusive_codes", "").split(",") if c.strip()}
        unknown = exclusive - {r["code"] for r in self.choice_rows}
        if unknown:
            self.add_error(
                "exclusive_codes",
                _("Diese Codes sind keine Antwortmöglichkeiten: %(codes)s")
                % {"codes": ", ".join(sorted(unknown))},
            )
        for row in self.choice_rows:
            row["exclusive"] = row["code"] in exclusive
        targets = {r["code"] for r in self.choice_rows} | {r["code"] for r in self.item_rows}
        self.weight_rows = parse_weights(self, "weights_text", targets | {"*"})
        self.condition_rows = parse_conditions(self, "conditions_text", self.earlier)
        return cleaned

    def question_fields(self) -> dict:
        data = self.cleaned_data
        kind = data["type"]
        fields = {
            name: data.get(name)
            for name in [
                "code",
                "type",
                "required",
                "display",
                "has_other",
                "min_choices",
                "max_choices",
                "scale_points",
                "allow_dont_know",
                "number_min",
                "number_max",
                "number_integer",
                "date_precision",
                "breakdown",
            ]
        }
        fields["date_precision"] = fields["date_precision"] or Question.DatePrecision.DAY
        if kind not in (Question.Type.RATING, Question.Type.MATRIX):
            fields["scale_points"] = None
        fields.update(self.texts())
        return fields


def weights_lines(question) -> str:
    lines = []
    own = [f"{w.field_of_action.slug}={w.weight.normalize()}" for w in question.weights.all()]
    if own:
        lines.append("*: " + ", ".join(own))
    for row in [*question.choices.all(), *question.items.all()]:
        parts = [f"{w.field_of_action.slug}={w.weight.normalize()}" for w in row.weights.all()]
        if parts:
            lines.append(f"{row.code}: " + ", ".join(parts))
    return "\n".join(lines)


def conditions_lines(conditions) -> str:
    return "\n".join(
        f"{c.source.code} {c.operator} {', '.join(str(v) for v in c.values)}" for c in conditions
    )


def parse_weights(form, name, targets) -> list[tuple[str, str, Decimal]]:
    """(target code or "*", field-of-action slug, weight) from `target: slug=weight, …` lines."""
    from catalog.models import FieldOfAction

    slugs = set(FieldOfAction.objects.values_list("slug", flat=True))
    rows = []
    for number, line in enumerate(form.cleaned_data.get(name, "").splitlines(), start=1):
        if not line.strip():
            continue
        target, _colon, rest = line.partition(":")
        target = target.strip()
        if target not in targets:
            form.add_error(
                name,
                _(
                    "Zeile %(n)d: %(code)s ist keine Antwortmöglichkeit oder "
                    "Matrixzeile dieser Frage."
                )
                % {"n": number, "code": target},
            )
            continue
        for part in rest.split(","):
            slug, _eq, value = part.partition("=")
            slug = slug.strip()
            try:
                weight = Decimal(value.strip().replace(",", "."))
            except ArithmeticError:
                weight = None
            if slug not in slugs or weight is None or abs(weight) >= 1000:
                form.add_error(
                    name,
                    _(
                        "Zeile %(n)d: Bitte Handlungsfeld=Gewicht angeben, "
                        "Handlungsfelder: %(slugs)s."
                    )
                    % {"n": number, "slugs": ", ".join(sorted(slugs))},
                )
                break
            rows.append((target, slug, weight))
    return rows


def parse_conditions(form, name, earlier) -> list[tuple[str, str, list[str]]]:
    """(source code, operator, values) from `code operator value, value` lines."""
    from surveys.models import Condition

    rows = []
    for number, line in enumerate(form.cleaned_data.get(name, "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split(None, 2)
        if len(parts) < 3 or parts[1] not in Condition.Operator.values:
            form.add_error(name, _("Zeile %(n)d: Bitte „Code Regel Wert“ angeben.") % {"n": number})
            continue
        if parts[0] not in earlier:
            form.add_error(
                name,
                _("Zeile %(n)d: %(code)s ist keine frühere Frage.")
                % {"n": number, "code": parts[0]},
            )
            continue
        values = [v.strip() for v in parts[2].split(",") if v.strip()]
        rows.append((parts[0], parts[1], values))
    return rows


def _is_slug(code: str) -> bool:
    return bool(re.fullmatch(r"[-a-zA-Z0-9_]+", code))
