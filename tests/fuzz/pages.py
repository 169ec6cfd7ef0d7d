"""What a page offers to send: its forms (fields with the values the page suggests) and the
query parameters of its links, read from the HTML the way a browser would."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Field:
    name: str
    kind: str  # text, hidden, checkbox, radio, select, textarea, file, number, date, …
    choices: list[str] = field(default_factory=list)  # values the page offers


@dataclass
class Form:
    method: str
    action: str
    multipart: bool
    fields: dict[str, Field] = field(default_factory=dict)


class _PageParser(HTMLParser):
    def __init__(self, path: str):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.forms: list[Form] = []
        self.link_params: set[str] = set()
        self._form: Form | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def _field(self, name: str, kind: str) -> Field:
        if self._form is None:
            return Field(name, kind)
        return self._form.fields.setdefault(name, Field(name, kind))

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag == "a" and "?" in attrs.get("href", ""):
            parts = urlsplit(attrs["href"])
            if parts.path in ("", self.path):
                self.link_params.update(name for name, _value in parse_qsl(parts.query, True))
        elif tag == "form":
            self._form = Form(
                method=attrs.get("method", "get").lower(),
                action=attrs.get("action", "") or self.path,
                multipart="multipart" in attrs.get("enctype", ""),
            )
            self.forms.append(self._form)
        elif tag in ("input", "button") and attrs.get("name") and self._form is not None:
            kind = attrs.get("type", "text" if tag == "input" else "submit").lower()
            entry = self._field(attrs["name"], kind)
            if attrs.get("value") is not None:
                entry.choices.append(attrs.get("value", ""))
        elif tag == "select" and attrs.get("name"):
            self._select = self._field(attrs["name"], "select")
        elif tag == "option" and self._select is not None:
            self._select.choices.append(attrs.get("value", ""))
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = self._field(attrs["name"], "textarea")

    def handle_data(self, data):
        if self._textarea is not None and data.strip():
            self._textarea.choices.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def read_page(path: str, html: str) -> tuple[list[Form], set[str]]:
    parser = _PageParser(path)
    parser.feed(html)
    return parser.forms, parser.link_params


_SOURCE_PARAMETER = re.compile(r"""GET(?:\.get|\.getlist)?[(\[]\s*["'](\w+)["']""")


def parameters_read_in_code() -> set[str]:
    """The query parameter names the views read by name (request.GET.get("q") and the like)."""
    root = Path(__file__).resolve().parents[2]
    names = set()
    for app in ("ikokmu", "districts", "catalog", "interviews", "surveys", "consulting"):
        for source in (root / app).rglob("*.py"):
            names.update(_SOURCE_PARAMETER.findall(source.read_text(encoding="utf-8")))
    return names
