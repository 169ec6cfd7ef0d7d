"""The catalogue's words in the reader's language, with German as the marked fallback.

One home for every app that shows catalogue data to respondents and visitors (catalogue pages,
the questionnaire's thank-you page and answers PDF, matching reasons):

- fields of action, measures and offers carry a `translations` column
  ({"en": {"name": …}} or {"en": {"title": …, "summary": …}}); `translated(obj, key)` reads it;
- the fixed vocabularies (offer types, organisation kinds, audiences, levels, effort) live in
  the table catalog.Label, German required; `label(vocabulary, code)` reads it.

Both return a `LocalText`: a plain string in Python, and in a template the text with its
`lang` and, when the translation is missing, the German text followed by "(auf Deutsch)" in the
reader's language, so nobody takes a German word for a mistranslation and screen readers
switch their voice.
"""

from django.utils.html import escape, format_html
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

GERMAN = "de"


class LocalText(str):
    """A text and the language it is in; `fallback` when it stands in for a missing
    translation."""

    language: str = GERMAN
    fallback: bool = False

    def __new__(cls, text: str, language: str = GERMAN, fallback: bool = False):
        value = super().__new__(cls, text or "")
        value.language = language
        value.fallback = fallback
        return value

    def __html__(self) -> str:
        text = escape(str(self))
        if not self.fallback or not text:
            return text
        return format_html(
            '<span lang="{}">{}</span> <span class="fallback-note">{}</span>',
            self.language,
            text,
            _("(auf Deutsch)"),
        )


def reader_language() -> str:
    return (get_language() or GERMAN).split("-")[0]


def translated(obj, key: str, language: str | None = None) -> LocalText:
    """`key` of a field of action, measure or offer in the reader's language. German comes from
    the model's own column (`name`, `title`, `summary`…) or, where the model has none, from
    translations["de"]."""
    translations = getattr(obj, "translations", None) or {}
    german = getattr(obj, key, "") or (translations.get(GERMAN) or {}).get(key, "")
    return localized(german, translations, key, language)


def localized(german: str, translations: dict, key: str, language: str | None = None):
    """The same from plain values (a row read with values_list)."""
    translations = translations or {}
    language = language or reader_language()
    if language != GERMAN:
        text = (translations.get(language) or {}).get(key, "")
        if text:
            return LocalText(text, language)
        return LocalText(german, GERMAN, fallback=bool(german))
    return LocalText(german, GERMAN)


def summary(obj, language: str | None = None) -> LocalText:
    """A measure's or offer's short summary in the reader's language; offers without a German
    summary fall back to the start of their description."""
    text = translated(obj, "summary", language)
    if text:
        return text
    description = getattr(obj, "description", "")
    if not description:
        return text
    short = Truncator(description).words(40)
    language = language or reader_language()
    return LocalText(short, GERMAN, fallback=language != GERMAN)


# The fixed vocabularies ------------------------------------------------------------------------

_loaded: dict | None = None


def _code_choices() -> dict[str, dict[str, str]]:
    """The vocabularies as the code defines them: what a label falls back to before its row
    exists (a fresh database, a flushed test database)."""
    from catalog.models import TARGET_KIND_CHOICES, Audience, Effort, Level, OfferType

    return {
        "offer_type": dict(OfferType.choices),
        "target_kind": dict(TARGET_KIND_CHOICES),
        "audience": dict(Audience.choices),
        "level": dict(Level.choices),
        "effort": dict(Effort.choices),
    }


def _labels() -> dict:
    # Loaded once per process and dropped when a label is saved or deleted (catalog.signals):
    # the vocabularies are small and change rarely, and list pages keep their query count.
    # Other processes see a change after their next start.
    global _loaded
    if _loaded is None:
        from catalog.models import Label

        _loaded = {(row.vocabulary, row.code): row.texts for row in Label.objects.all()}
    return _loaded


def forget_labels(**_kwargs) -> None:
    global _loaded
    _loaded = None


def label(vocabulary: str, code: str, language: str | None = None) -> LocalText:
    """The word for `code` of a vocabulary in the reader's language, else German (marked)."""
    language = language or reader_language()
    texts = _labels().get((str(vocabulary), code))
    if texts is None:
        # No row: the code's own label through gettext (German, or the interface's English;
        # for the other languages the German word, marked).
        text = str(_code_choices().get(str(vocabulary), {}).get(code, code))
        if language in (GERMAN, "en"):
            return LocalText(text, language)
        return LocalText(text, GERMAN, fallback=True)
    if texts.get(language):
        return LocalText(texts[language], language)
    return LocalText(texts.get(GERMAN, code), GERMAN, fallback=language != GERMAN)


def label_list(vocabulary: str, codes, language: str | None = None) -> list[LocalText]:
    return [label(vocabulary, code, language) for code in codes or []]


def label_choices(vocabulary: str, choices) -> list[tuple[str, str]]:
    """Form choices with their labels in the reader's language (the empty choice kept)."""
    return [(code, label(vocabulary, code) if code else text) for code, text in choices]


def quoted(text: str) -> str:
    """A name in the quotation marks of the reader's language („…“ in German, “…” in English,
    «…» in Arabic and Ukrainian)."""
    return _("„%(text)s“") % {"text": text}
