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
from ikokmu.uploads import ArchiveError, check_archive

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# A two-hour interview is about 100,000 characters. The limit keeps a file that expands (a 204 KB
# .docx held 200 MB of text, a 261-byte .odt asked for 50 million spaces) from filling the
# worker's memory and the database.
MAX_TRANSCRIPT_CHARS = 1_000_000
# What the document XML of a .docx or .odt may unpack to; far above any real transcript.
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


class TranscriptFileError(ValueError):
    """A file we cannot read; the message is German and meant for the user."""


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return unicodedata.normalize("NFC", text).strip("\n")


def _too_long() -> TranscriptFileError:
    return TranscriptFileError(
        _("Der Text ist länger als %(n)s Zeichen; so lange Transkripte nehmen wir nicht an.")
        % {"n": f"{MAX_TRANSCRIPT_CHARS:,}".replace(",", ".")}
    )


class _Text:
    """Collects the text of a document and stops as soon as it passes MAX_TRANSCRIPT_CHARS,
    before a repeat count or a huge run is turned into a string."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0

    def reserve(self, n: int) -> None:
        self.length += n
        if self.length > MAX_TRANSCRIPT_CHARS:
            raise _too_long()

    def add(self, text: str) -> None:
        self.reserve(len(text))
        self.parts.append(text)

    def text(self) -> str:
        return "".join(self.parts)


def _document_xml(raw: bytes, member: str):
    try:
        check_archive(raw, max_unpacked_bytes=MAX_UNPACKED_BYTES)
    except ArchiveError as error:
        raise TranscriptFileError(str(error)) from error
    with zipfile.ZipFile(BytesIO(raw)) as archive:
        return ElementTree.fromstring(archive.read(member))


def _docx_text(raw: bytes) -> str:
    root = _document_xml(raw, "word/document.xml")
    out = _Text()
    for number, paragraph in enumerate(root.iter(f"{W}p")):
        if number:
            out.add("\n")
        for node in paragraph.iter():
            if node.tag == f"{W}t":
                out.add(node.text or "")
            elif node.tag == f"{W}tab":
                out.add("\t")
            elif node.tag in (f"{W}br", f"{W}cr"):
                out.add("\n")
    return out.text()


def _repeat_count(value) -> int:
    """text:c of <text:s/>: how many spaces; anything but a small positive number counts as one
    (a damaged or hostile file wrote "abc" or 50,000,000)."""
    try:
        count = int(value)
    except (TypeError, ValueError):
        return 1
    return count if count > 0 else 1


def _odt_inline(node, out: _Text) -> None:
    out.add(node.text or "")
    for child in node:
        if child.tag == f"{TEXT}s":
            count = _repeat_count(child.get(f"{TEXT}c", "1"))
            out.reserve(count)  # refuses before the spaces are made
            out.parts.append(" " * count)
        elif child.tag == f"{TEXT}tab":
            out.add("\t")
        elif child.tag == f"{TEXT}line-break":
            out.add("\n")
        elif child.tag != f"{TEXT}note":
            _odt_inline(child, out)
        out.add(child.tail or "")


def _odt_text(raw: bytes) -> str:
    root = _document_xml(raw, "content.xml")
    out = _Text()
    for number, node in enumerate(
        node for node in root.iter() if node.tag in (f"{TEXT}p", f"{TEXT}h")
    ):
        if number:
            out.add("\n")
        _odt_inline(node, out)
    return out.text()


def text_from_upload(name: str, raw: bytes) -> str:
    """Plain UTF-8 text of an uploaded .txt, .docx or .odt file."""
    if len(raw) > MAX_UPLOAD_BYTES:
        raise TranscriptFileError(_("Die Datei ist größer als 5 MB."))
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    try:
        if suffix == "txt":
            text = decode_text(raw)
            if len(text) > MAX_TRANSCRIPT_CHARS:
                raise _too_long()
            return normalise(text)
        if suffix == "docx":
            return normalise(_docx_text(raw))
        if suffix == "odt":
            return normalise(_odt_text(raw))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, RecursionError) as error:
        # RecursionError: spans nested thousands deep, which no word processor writes.
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
