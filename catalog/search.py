"""German full-text search over the catalogue, without the unaccent extension.

The index side is a generated tsvector column per model (catalog.models): `to_tsvector('german',
…)` with the title weighted A over the summary (B) and the rest of the text (C). PostgreSQL's
German Snowball stemmer already reduces ä/ö/ü to a/o/u and ß to ss, so "Führungskräfte",
"Fuhrungskrafte" and "Führungskraefte"-style spellings need only the query side:

- The user's text is cut into words (letters and digits only). Nothing else reaches the
  tsquery parser, so quotes, backslashes, `&|!():*` and SQL fragments cannot break a query.
- Each word is searched in its spellings: as typed, with ae/oe/ue read as ä/ö/ü and with
  ä/ö/ü written as ae/oe/ue, so "Fuehrung", "Führung" and "Fuhrung" meet the same texts.
- Each word of three or more letters is a prefix (`:*`), because German compounds do not share
  a stem with their first part: "Ausbildung" (stem "ausbild") finds "Ausbildungsbetriebe"
  (stem "ausbildungsbetrieb") only as a prefix.
- All words must match (AND).

`snippet()` builds ts_headline of the first searched field that holds a hit, with private-use
marker characters; `render_snippet()` escapes the text and only then turns the markers into
<mark> elements, and adds "…" where the snippet is cut out of a longer text.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db.models import BooleanField, Case, F, Func, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

CONFIG = "german"
MAX_TERMS = 8
MAX_TERM_LENGTH = 60
PREFIX_MIN_LENGTH = 3
START, STOP = "\ue000", "\ue001"  # markers that cannot come from the user's text
SEP = "\ue002"  # between the field's index and the headline in snippet()
FRAGMENT_DELIMITER = " … "
_SENTENCE_END = " .!?;:,"

_WORD = re.compile(r"[^\W_]+")
_TO_DIGRAPH = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def search_terms(text: str | None) -> list[str]:
    """The words of a search text, lower case, at most MAX_TERMS of them."""
    words = _WORD.findall((text or "").lower())
    return [word[:MAX_TERM_LENGTH] for word in words][:MAX_TERMS]


def spellings(term: str) -> list[str]:
    """The spellings a word is searched in (umlauts written out or not)."""
    variants = {term, term.translate(_TO_DIGRAPH)}
    restored = term.replace("ae", "ä").replace("oe", "ö").replace("ue", "ü")
    variants.add(restored)
    return sorted(variants)


def tsquery_source(text: str | None) -> str | None:
    """The to_tsquery() input for a search text, or None when it holds no searchable word."""
    parts = []
    for term in search_terms(text):
        suffix = ":*" if len(term) >= PREFIX_MIN_LENGTH else ""
        parts.append("(" + " | ".join(f"{variant}{suffix}" for variant in spellings(term)) + ")")
    return " & ".join(parts) or None


def search_query(text: str | None) -> SearchQuery | None:
    source = tsquery_source(text)
    if source is None:
        return None
    return SearchQuery(source, search_type="raw", config=CONFIG)


def rank(query: SearchQuery) -> SearchRank:
    return SearchRank(F("search_vector"), query)


def highlighted(query: SearchQuery, field: str) -> SearchHeadline:
    """The whole of a short text (a title) with its hits between START and STOP markers."""
    clean = Func(F(field), Value(START + STOP), Value(""), function="translate")
    return SearchHeadline(
        clean, query, config=CONFIG, start_sel=START, stop_sel=STOP, highlight_all=True
    )


def any_word_query(text: str | None) -> SearchQuery | None:
    """Like search_query(), but any word suffices: for the snippet, whose field may hold only
    some of the words (the others are in the title or another field)."""
    source = tsquery_source(text)
    if source is None:
        return None
    return SearchQuery(source.replace(" & ", " | "), search_type="raw", config=CONFIG)


class _Matches(Func):
    """tsvector @@ tsquery as a condition (for CASE WHEN)."""

    template = "(%(expressions)s)"
    arg_joiner = " @@ "
    output_field = BooleanField()


def snippet(query: SearchQuery, *fields: str) -> Case:
    """The hits of the first of `fields` that has one, as "<field index><SEP><ts_headline>";
    NULL when none has (the hit is in the title or a linked name). Read it with
    split_snippet(). One field, not the fields joined, so that no fragment runs from the end of
    one text into the start of the next and the page can say where the text comes from."""
    cases = []
    for index, name in enumerate(fields):
        # Drop the marker characters from the stored text, so only real hits carry them.
        clean = Func(F(name), Value(START + STOP), Value(""), function="translate")
        headline = SearchHeadline(
            clean,
            query,
            config=CONFIG,
            start_sel=START,
            stop_sel=STOP,
            max_words=30,
            min_words=12,
            short_word=2,
            max_fragments=2,
            fragment_delimiter=FRAGMENT_DELIMITER,
        )
        cases.append(
            When(
                _Matches(SearchVector(name, config=CONFIG), query),
                then=Concat(Value(f"{index}{SEP}"), headline, output_field=TextField()),
            )
        )
    return Case(*cases, default=Value(None), output_field=TextField())


def split_snippet(value: str | None, fields: tuple[str, ...]) -> tuple[str | None, str | None]:
    """(field name, headline) of a snippet() value; (None, None) without one."""
    if not value or SEP not in value:
        return None, None
    index, headline = value.split(SEP, 1)
    return fields[int(index)], headline


def _plain(text: str) -> str:
    return " ".join(text.replace(START, "").replace(STOP, "").split()).rstrip(_SENTENCE_END)


def render_snippet(headline: str | None, source: str | None = None) -> SafeString:
    """Escape a ts_headline result and mark its hits with <mark>. With the `source` text the
    headline was cut from, "…" stands where the snippet starts or ends inside the text."""
    if not headline:
        return mark_safe("")
    html = escape(headline).replace(START, "<mark>").replace(STOP, "</mark>")
    if source is not None:
        fragments = headline.split(FRAGMENT_DELIMITER)
        text = " ".join(source.split())
        if not text.startswith(_plain(fragments[0])):
            html = "… " + html
        if not text.rstrip(_SENTENCE_END).endswith(_plain(fragments[-1])):
            html = html + " …"
    return mark_safe(html)  # noqa: S308  (escaped above; only our own tags added)
