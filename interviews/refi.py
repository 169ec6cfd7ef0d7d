"""REFI-QDA exchange: the study as .qdpx, the codebook as .qdc, and the codebook as CSV.

GUIDs are stable across exports: objects carry a stored UUID (codes, companies, interviews,
segments, memos); the things without a row of their own (variables, users, codings) get a
name-based UUID (uuid5) derived from the study's or the segment's UUID.
Selections are [startPosition, endPosition) in code points of the exported text, which is the
transcript exactly as stored (NFC, LF line ends), written as UTF-8 without a byte order mark.
"""

import csv
import io
import uuid
import zipfile
from xml.etree import ElementTree as ET

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import FieldOfAction
from ikokmu import exports
from interviews.models import COLOUR_PATTERN, Code, Interview, Memo, Segment, Study

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = "IKÖKMU-Plattform"
# A codebook of a study has tens to a few hundred codes, a handful of levels deep. The limits
# refuse a file before any code is written: a .qdc of 3,000 codes nested in each other ran into
# Python's recursion limit after 12.5 s of queries.
MAX_CODEBOOK_BYTES = 5 * 1024 * 1024
MAX_CODES = 1000
MAX_CODE_DEPTH = 12

VARIABLES = [
    ("sector", "Branche", "Text"),
    ("size_class", "Größenklasse", "Text"),
    ("founding_year", "Gründungsjahr", "Integer"),
    ("place", "Ort", "Text"),
    ("migration_share", "Anteil Beschäftigte mit Migrationsgeschichte", "Text"),
]
DESCRIPTION_LABELS = [
    ("definition", "Definition"),
    ("when_to_use", "Anwenden, wenn"),
    ("when_not_to_use", "Nicht anwenden, wenn"),
    ("example", "Beispiel"),
]


def guid(value: uuid.UUID) -> str:
    return str(value).upper()


def derived(base: uuid.UUID, name: str) -> str:
    return guid(uuid.uuid5(base, name))


def code_description(code: Code) -> str:
    parts = [
        f"{label}: {getattr(code, field)}"
        for field, label in DESCRIPTION_LABELS
        if getattr(code, field)
    ]
    return "\n\n".join(parts)


def parse_description(text: str) -> dict:
    """The inverse of code_description; unlabelled text counts as the definition."""
    values = {field: "" for field, _label in DESCRIPTION_LABELS}
    labels = {f"{label}:": field for field, label in DESCRIPTION_LABELS}
    current = "definition"
    for block in (text or "").split("\n\n"):
        for prefix, field in labels.items():
            if block.startswith(prefix):
                current, block = field, block[len(prefix) :].strip()
                break
        values[current] = (values[current] + "\n\n" + block).strip() if values[current] else block
    return values


def _sub(parent, tag, ns, text=None, **attributes):
    element = ET.SubElement(
        parent, f"{{{ns}}}{tag}", {k: v for k, v in attributes.items() if v is not None}
    )
    if text is not None:
        element.text = text
    return element


def _code_elements(parent, ns, codes, children, memo_guids):
    for code in codes:
        element = _sub(
            parent,
            "Code",
            ns,
            guid=guid(code.guid),
            name=code.name,
            isCodable="false" if code.is_category else "true",
            color=code.colour.upper(),
        )
        description = code_description(code)
        if description:
            _sub(element, "Description", ns, description)
        for note in memo_guids.get(code.pk, []):
            _sub(element, "NoteRef", ns, targetGUID=note)
        _code_elements(element, ns, children.get(code.pk, []), children, memo_guids)


def _codebook(parent, ns, study: Study, memo_guids=None) -> None:
    codes = list(study.codes.order_by("position", "name"))
    if not codes:
        return
    children: dict = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)
    codes_element = _sub(parent, "Codes", ns)
    _code_elements(codes_element, ns, children.get(None, []), children, memo_guids or {})


def _xml_bytes(root) -> bytes:
    ET.register_namespace("", root.tag[1:].split("}")[0])
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def codebook_qdc(study: Study) -> bytes:
    """The codebook as a REFI-QDA codebook (.qdc)."""
    root = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", {"origin": ORIGIN})
    _codebook(root, CODEBOOK_NS, study)
    if not len(root):
        # An empty <Codes/> is invalid; a codebook without codes has nothing to say.
        raise ValidationError(_("Das Kodesystem ist noch leer."))
    return _xml_bytes(root)


def _datetime(value) -> str:
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def study_qdpx(study: Study) -> bytes:
    """The whole study as a .qdpx archive (project.qde and sources/<GUID>.txt)."""
    ns = PROJECT_NS
    base = study.guid
    companies = list(study.companies.order_by("pseudonym"))
    interviews = list(
        Interview.objects.filter(company__study=study)
        .exclude(transcript="")
        .select_related("company")
        .order_by("company__pseudonym", "date")
    )
    segments = list(
        Segment.objects.filter(interview__company__study=study)
        .select_related("coder")
        .prefetch_related("codes")
        .order_by("interview_id", "start", "end")
    )
    memos = list(Memo.objects.filter(study=study).select_related("author").order_by("created_at"))
    users = {member.user for member in study.members.select_related("user")}
    users |= {segment.coder for segment in segments if segment.coder}
    users |= {memo.author for memo in memos if memo.author}
    user_guid = {user.pk: derived(base, f"user:{user.pk}") for user in users}

    memo_by = {"code": {}, "segment": {}, "interview": {}}
    for memo in memos:
        for kind in memo_by:
            target = getattr(memo, f"{kind}_id")
            if target:
                memo_by[kind].setdefault(target, []).append(guid(memo.guid))

    root = ET.Element(
        f"{{{ns}}}Project",
        {
            "name": study.title,
            "origin": ORIGIN,
            "creationDateTime": _datetime(study.created_at),
            "modifiedDateTime": _datetime(timezone.now()),
        },
    )
    if users:
        users_element = _sub(root, "Users", ns)
        for user in sorted(users, key=lambda u: u.pk):
            _sub(users_element, "User", ns, guid=user_guid[user.pk], name=user.get_username())
    if study.codes.exists():
        codebook = _sub(root, "CodeBook", ns)
        _codebook(codebook, ns, study, memo_by["code"])
    variables = _sub(root, "Variables", ns)
    for field, label, kind in VARIABLES:
        _sub(
            variables,
            "Variable",
            ns,
            guid=derived(base, f"variable:{field}"),
            name=label,
            typeOfVariable=kind,
        )
    by_company: dict = {}
    for interview in interviews:
        by_company.setdefault(interview.company_id, []).append(interview)
    if companies:
        cases = _sub(root, "Cases", ns)
        for company in companies:
            case = _sub(cases, "Case", ns, guid=guid(company.guid), name=company.pseudonym)
            for field, _label, kind in VARIABLES:
                value = getattr(company, field)
                if value in (None, ""):
                    continue
                variable_value = _sub(case, "VariableValue", ns)
                _sub(
                    variable_value, "VariableRef", ns, targetGUID=derived(base, f"variable:{field}")
                )
                if kind == "Integer":
                    _sub(variable_value, "IntegerValue", ns, str(value))
                else:
                    display = getattr(company, f"get_{field}_display", lambda v=value: v)()
                    _sub(variable_value, "TextValue", ns, str(display))
            for interview in by_company.get(company.pk, []):
                _sub(case, "SourceRef", ns, targetGUID=guid(interview.guid))
    segments_by_interview: dict = {}
    for segment in segments:
        segments_by_interview.setdefault(segment.interview_id, []).append(segment)
    files = {}
    if interviews:
        sources = _sub(root, "Sources", ns)
        for interview in interviews:
            source_guid = guid(interview.guid)
            files[f"sources/{source_guid}.txt"] = interview.transcript.encode("utf-8")
            source = _sub(
                sources,
                "TextSource",
                ns,
                guid=source_guid,
                name=str(interview),
                plainTextPath=f"internal://{source_guid}.txt",
            )
            for segment in segments_by_interview.get(interview.pk, []):
                selection = _sub(
                    source,
                    "PlainTextSelection",
                    ns,
                    guid=guid(segment.guid),
                    name=segment.text[:60],
                    startPosition=str(segment.start),
                    endPosition=str(segment.end),
                    creatingUser=user_guid.get(segment.coder_id),
                    creationDateTime=_datetime(segment.created_at),
                )
                for code in segment.codes.all():
                    coding = _sub(
                        selection,
                        "Coding",
                        ns,
                        guid=derived(segment.guid, f"coding:{code.guid}"),
                        creatingUser=user_guid.get(segment.coder_id),
                    )
                    _sub(coding, "CodeRef", ns, targetGUID=guid(code.guid))
                for note in memo_by["segment"].get(segment.pk, []):
                    _sub(selection, "NoteRef", ns, targetGUID=note)
            for note in memo_by["interview"].get(interview.pk, []):
                _sub(source, "NoteRef", ns, targetGUID=note)
    if memos:
        notes = _sub(root, "Notes", ns)
        for memo in memos:
            note = _sub(
                notes,
                "Note",
                ns,
                guid=guid(memo.guid),
                name=memo.text[:60],
                creatingUser=user_guid.get(memo.author_id),
                creationDateTime=_datetime(memo.created_at),
            )
            _sub(note, "PlainTextContent", ns, memo.text)
    if study.research_questions:
        _sub(root, "Description", ns, study.research_questions)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", _xml_bytes(root))
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


CSV_HEADERS = [
    "Pfad",
    "Kategorie",
    "Definition",
    "Anwenden, wenn",
    "Nicht anwenden, wenn",
    "Beispiel",
    "Farbe",
    "Handlungsfelder",
]


def codebook_rows(study: Study) -> list[list[str]]:
    from interviews.queries import code_paths

    paths = code_paths(study)
    rows = []
    for code in study.codes.prefetch_related("fields_of_action").order_by("position", "name"):
        rows.append(
            [
                paths[code.pk],
                "ja" if code.is_category else "nein",
                code.definition,
                code.when_to_use,
                code.when_not_to_use,
                code.example,
                code.colour.upper(),
                ", ".join(f.slug for f in code.fields_of_action.all()),
            ]
        )
    rows.sort(key=lambda row: row[0].count(" / "))
    return rows


def codebook_csv(study: Study) -> bytes:
    return exports.csv_bytes([CSV_HEADERS, *codebook_rows(study)])


class CodebookImportError(ValueError):
    """A codebook file we cannot read; the message is German and meant for the user."""


def _upsert(study, parent, name, values, fields_of_action, position) -> Code:
    code = Code.objects.filter(study=study, parent=parent, name=name).first() or Code(
        study=study, parent=parent, name=name
    )
    for key, value in values.items():
        setattr(code, key, value)
    if code.pk is None:
        code.position = position
    code.full_clean(validate_unique=False, validate_constraints=False)
    code.save()
    if fields_of_action is not None:
        code.fields_of_action.set(fields_of_action)
    return code


@transaction.atomic
def codebook_import_qdc(study: Study, raw: bytes) -> int:
    """Add or update codes from a .qdc (or a project.qde's CodeBook), matched by path."""
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as error:
        raise CodebookImportError(_("Die Datei ist kein gültiges XML.")) from error
    ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    q = (lambda tag: f"{{{ns}}}{tag}") if ns else (lambda tag: tag)
    codes_element = (
        root.find(q("Codes"))
        if root.tag == q("CodeBook")
        else root.find(f"{q('CodeBook')}/{q('Codes')}")
    )
    if codes_element is None:
        raise CodebookImportError(_("In der Datei steht kein Kodesystem (CodeBook/Codes)."))
    _check_codebook_shape(codes_element, q("Code"))
    count = 0

    def walk(element, parent):
        nonlocal count
        for position, child in enumerate(element.findall(q("Code"))):
            name = (child.get("name") or "").strip()[:120]
            if not name:
                continue
            description = child.findtext(q("Description")) or ""
            colour = child.get("color") or "#1F77B4"
            if len(colour) == 4:
                colour = "#" + "".join(c * 2 for c in colour[1:])
            values = {
                **parse_description(description),
                "is_category": child.get("isCodable", "true").lower() == "false",
                "colour": colour if _colour_ok(colour) else "#1F77B4",
            }
            code = _upsert(study, parent, name, values, None, position)
            count += 1
            walk(child, code)

    try:
        walk(codes_element, None)
    except ValidationError as error:
        raise CodebookImportError("; ".join(error.messages)) from error
    return count


def _too_many_codes() -> CodebookImportError:
    return CodebookImportError(
        _("Das Kodesystem hat mehr als %(n)s Codes; so große Kodesysteme nehmen wir nicht an.")
        % {"n": MAX_CODES}
    )


def _too_deep() -> CodebookImportError:
    return CodebookImportError(
        _("Das Kodesystem ist tiefer als %(n)s Ebenen verschachtelt.") % {"n": MAX_CODE_DEPTH}
    )


def _check_codebook_shape(codes_element, code_tag: str) -> None:
    """Refuse a codebook with too many codes or levels, without recursion (the file decides
    how deep the tree is)."""
    count = 0
    stack = [(codes_element, 0)]
    while stack:
        element, depth = stack.pop()
        for child in element.findall(code_tag):
            count += 1
            if count > MAX_CODES:
                raise _too_many_codes()
            if depth + 1 > MAX_CODE_DEPTH:
                raise _too_deep()
            stack.append((child, depth + 1))


def _colour_ok(value: str) -> bool:
    import re

    return bool(re.match(COLOUR_PATTERN, value))


@transaction.atomic
def codebook_import_csv(study: Study, text: str) -> int:
    """Add or update codes from the CSV this app exports (parents before children)."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    if not rows or [h.strip() for h in rows[0][:1]] != ["Pfad"]:
        raise CodebookImportError(_("Die erste Spalte der Kopfzeile muss „Pfad“ heißen."))
    if len(rows) - 1 > MAX_CODES:
        raise _too_many_codes()
    headers = [h.strip() for h in rows[0]]
    fields = {slug: f for f in FieldOfAction.objects.all() for slug in (f.slug,)}
    count = 0
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = [exports.unescape_csv_cell(cell.strip()) for cell in row]
        record = dict(zip(headers, cells, strict=False))
        path = [part.strip() for part in record.get("Pfad", "").split(" / ") if part.strip()]
        if not path:
            raise CodebookImportError(_("Zeile %(n)s: kein Pfad.") % {"n": number})
        if len(path) > MAX_CODE_DEPTH:
            raise _too_deep()
        parent = None
        for name in path[:-1]:
            parent = Code.objects.filter(study=study, parent=parent, name=name).first()
            if parent is None:
                raise CodebookImportError(
                    _("Zeile %(n)s: übergeordneter Code „%(name)s“ fehlt.")
                    % {"n": number, "name": name}
                )
        colour = record.get("Farbe") or "#1F77B4"
        if not _colour_ok(colour):
            raise CodebookImportError(
                _("Zeile %(n)s: Farbe „%(colour)s“ ist nicht #RRGGBB.")
                % {"n": number, "colour": colour}
            )
        slugs = [s.strip() for s in record.get("Handlungsfelder", "").split(",") if s.strip()]
        unknown = [s for s in slugs if s not in fields]
        if unknown:
            raise CodebookImportError(
                _("Zeile %(n)s: unbekannte Handlungsfelder %(slugs)s.")
                % {"n": number, "slugs": ", ".join(unknown)}
            )
        values = {
            "is_category": record.get("Kategorie", "").lower() in ("ja", "true", "1"),
            "definition": record.get("Definition", ""),
            "when_to_use": record.get("Anwenden, wenn", ""),
            "when_not_to_use": record.get("Nicht anwenden, wenn", ""),
            "example": record.get("Beispiel", ""),
            "colour": colour,
        }
        try:
            _upsert(study, parent, path[-1][:120], values, [fields[s] for s in slugs], number)
        except ValidationError as error:
            raise CodebookImportError(
                _("Zeile %(n)s: %(why)s") % {"n": number, "why": "; ".join(error.messages)}
            ) from error
        count += 1
    return count
