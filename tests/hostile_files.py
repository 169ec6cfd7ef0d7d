"""Files an attacker sends: archives that unpack to far more than they weigh, documents whose
text expands, and their harmless twins. Built in memory, each once per test run."""

import functools
import io
import zipfile

MB = 1024 * 1024


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


XLSX_FRAME = {
    "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org'
    b'/package/2006/content-types"/>',
    "xl/workbook.xml": b'<?xml version="1.0"?><workbook/>',
}


@functools.cache
def xlsx_bomb(unpacked_mb: int = 51) -> bytes:
    """An .xlsx whose sheet XML unpacks to `unpacked_mb` MB; it weighs a few dozen KB."""
    sheet = b'<?xml version="1.0"?><worksheet><sheetData>' + b" " * (unpacked_mb * MB) + b"</s>"
    return zip_bytes({**XLSX_FRAME, "xl/worksheets/sheet1.xml": sheet})


@functools.cache
def zip_of_many_entries(count: int = 1001) -> bytes:
    return zip_bytes({**XLSX_FRAME, **{f"xl/media/{n}.xml": b"<a/>" for n in range(count)}})


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(paragraphs_xml: bytes) -> bytes:
    document = (
        f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>'.encode()
        + paragraphs_xml
        + b"</w:body></w:document>"
    )
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": document})


def docx_text(text: str) -> bytes:
    return docx(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode())


TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def odt(body_xml: str) -> bytes:
    content = (
        f'<?xml version="1.0"?><office:document-content xmlns:office="{OFFICE_NS}" '
        f'xmlns:text="{TEXT_NS}"><office:body><office:text>{body_xml}</office:text></office:body>'
        "</office:document-content>"
    )
    return zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text",
                      "content.xml": content.encode()})  # fmt: skip
