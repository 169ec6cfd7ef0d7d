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

`snippet()` builds ts_headline with private-use marker characters; `render_snippet()` escapes
the text and only then turns the markers into <mark> elements.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

CONFIG = "german"
MAX_TERMS = 8
MAX_TERM_LENGTH = 60
PREFIX_MIN_LENGTH = 3
START, STOP = "\ue000", "\ue001"  # markers that cannot come from the user's text

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


def snippet(query: SearchQuery, *fields: str) -> SearchHeadline:
    """ts_headline over `fields`, hits between START and STOP markers."""
    parts = []
    for name in fields:
        parts += [F(name), Value(" ")]
    parts = parts[:-1]
    text = Concat(*parts, output_field=TextField()) if len(parts) > 1 else parts[0]
    # Drop the marker characters from the stored text, so only real hits carry them.
    clean = Func(text, Value(START + STOP), Value(""), function="translate")
    return SearchHeadline(
        clean,
        query,
        config=CONFIG,
        start_sel=START,
        stop_sel=STOP,
        max_words=30,
        min_words=12,
        short_word=2,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def render_snippet(headline: str | None) -> SafeString:
    """Escape a ts_headline result and mark its hits with <mark>."""
    if not headline:
        return mark_safe("")
    html = escape(headline).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308  (escaped above; only our own tags added)
