"""Transcript text: reading uploads, pseudonymising, and cutting the text into marked pieces.

Positions are Unicode code points, i.e. Python string indices. Text is normalised to NFC and
LF line ends when it comes in, so that a position means the same character in the browser,
in the export and in the database.
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from io import BytesIO
from xml.etree import ElementTree

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ikokmu.spreadsheets import decode_text

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


class TranscriptFileError(ValueError):
    """A file we cannot read; the message is German and meant for the user."""


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return unicodedata.normalize("NFC", text).strip("\n")


def _docx_text(raw: bytes) -> str:
    with zipfile.ZipFile(BytesIO(raw)) as archive:
        root = ElementTree.fromstring(archive.read("word/document.xml"))
    paragraphs = []
    for paragraph in root.iter(f"{W}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag == f"{W}t":
                parts.append(node.text or "")
            elif node.tag == f"{W}tab":
                parts.append("\t")
            elif node.tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)


def _odt_inline(node) -> str:
    parts = [node.text or ""]
    for child in node:
        if child.tag == f"{TEXT}s":
            parts.append(" " * int(child.get(f"{TEXT}c", "1")))
        elif child.tag == f"{TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{TEXT}line-break":
            parts.append("\n")
        elif child.tag != f"{TEXT}note":
            parts.append(_odt_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _odt_text(raw: bytes) -> str:
    with zipfile.ZipFile(BytesIO(raw)) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    return "\n".join(
        _odt_inline(node) for node in root.iter() if node.tag in (f"{TEXT}p", f"{TEXT}h")
    )


def text_from_upload(name: str, raw: bytes) -> str:
    """Plain UTF-8 text of an uploaded .txt, .docx or .odt file."""
    if len(raw) > MAX_UPLOAD_BYTES:
        raise TranscriptFileError(_("Die Datei ist größer als 5 MB."))
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    try:
        if suffix == "txt":
            return normalise(decode_text(raw))
        if suffix == "docx":
            return normalise(_docx_text(raw))
        if suffix == "odt":
            return normalise(_odt_text(raw))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
        raise TranscriptFileError(
            _("Die Datei lässt sich nicht lesen. Ist sie beschädigt?")
        ) from error
    raise TranscriptFileError(_("Bitte eine Datei im Format .txt, .docx oder .odt hochladen."))


def replacements_from_key(key, pseudonym: str) -> list[tuple[str, str]]:
    """(name, replacement) pairs from the pseudonym key: the real name and every listed name
    become the pseudonym, unless a line says `Name = Ersatz`."""
    pairs = []
    if key is None:
        return pairs
    if key.real_name.strip():
        pairs.append((key.real_name.strip(), pseudonym))
    for line in key.other_names.splitlines():
        name, _sep, replacement = line.partition("=")
        if name.strip():
            pairs.append((name.strip(), replacement.strip() or pseudonym))
    return pairs


def pseudonymise(text: str, replacements: list[tuple[str, str]]) -> tuple[str, int]:
    """Replace every name (whole words, any case), longest first so that "Huber Bau GmbH"
    goes before "Huber". Returns the text and the number of replacements."""
    pairs = sorted(
        ((unicodedata.normalize("NFC", n), r) for n, r in replacements if n),
        key=lambda pair: -len(pair[0]),
    )
    if not pairs:
        return text, 0
    lookup = {name.casefold(): replacement for name, replacement in pairs}
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(name) for name, _r in pairs) + r")(?!\w)",
        re.IGNORECASE,
    )
    count = 0

    def substitute(match):
        nonlocal count
        count += 1
        return lookup.get(match.group(0).casefold(), pairs[0][1])

    return pattern.sub(substitute, text), count


SPEAKER = re.compile(r"^([A-ZÄÖÜ][\wÄÖÜäöüß .-]{0,30}):", re.MULTILINE)


@dataclass
class Piece:
    """A stretch of transcript text and the segments that cover it."""

    text: str
    segments: list = field(default_factory=list)
    speaker: bool = False

    @cached_property
    def codes(self) -> list:
        seen = {}
        for segment in self.segments:
            for code in segment.codes.all():
                seen.setdefault(code.pk, code)
        return list(seen.values())

    @property
    def title(self) -> str:
        return ", ".join(code.name for code in self.codes)

    @property
    def colour(self) -> str:
        codes = self.codes
        return codes[0].colour if codes else "#000000"

    @property
    def tint(self) -> str:
        """A light background in the code's colour (80 % white), so black text stays readable."""
        colour = self.colour.lstrip("#")
        channels = [int(colour[i : i + 2], 16) for i in (0, 2, 4)]
        return "#" + "".join(f"{round(c * 0.2 + 255 * 0.8):02X}" for c in channels)

    @property
    def segment_ids(self) -> str:
        return " ".join(str(segment.pk) for segment in self.segments)


def pieces(text: str, segments) -> list[Piece]:
    """Cut `text` at every segment boundary and speaker label; each piece knows which
    segments cover it. Linear in text length plus segments (sorted boundaries)."""
    bounds = {0, len(text)}
    for segment in segments:
        bounds.add(min(segment.start, len(text)))
        bounds.add(min(segment.end, len(text)))
    speaker_spans = []
    for match in SPEAKER.finditer(text):
        bounds.update(match.span(1))
        speaker_spans.append(match.span(1))
    speaker_starts = {start for start, _end in speaker_spans}
    points = sorted(bounds)
    starts: dict[int, list] = {}
    for segment in segments:
        starts.setdefault(segment.start, []).append(segment)
    active: list = []
    result = []
    for left, right in zip(points, points[1:], strict=False):
        active = [s for s in active if s.end > left] + starts.get(left, [])
        result.append(Piece(text[left:right], list(active), speaker=left in speaker_starts))
    return result


def transcript_html(parts: list[Piece]) -> str:
    """The transcript as HTML: coded pieces as <mark> with the code names as title (so the
    marks do not rely on colour alone), speaker labels bold. Adds no text, so the element's
    text content stays exactly the transcript and browser offsets map to positions. Built in
    Python, since a template loop over thousands of pieces is too slow for long transcripts."""
    label = escape(_("Codes"))
    out = []
    for piece in parts:
        text = escape(piece.text)
        if piece.segments:
            multi = " multi" if len(piece.codes) > 1 else ""
            out.append(
                f'<mark class="coded{multi}" data-tint="{piece.tint}" '
                f'data-colour="{piece.colour}" title="{label}: {escape(piece.title)}" '
                f'data-segments="{piece.segment_ids}">{text}</mark>'
            )
        elif piece.speaker:
            out.append(f"<b>{text}</b>")
        else:
            out.append(text)
    return mark_safe("".join(out))  # noqa: S308  (every piece of text is escaped above)
