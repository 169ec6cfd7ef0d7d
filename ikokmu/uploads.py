"""Limits on what an upload may cost the server: its size while it streams in, and what an
archive inside it (.xlsx, .docx, .odt, .qdpx are zip files) unpacks to.

- `LimitedUploadHandler` (first in FILE_UPLOAD_HANDLERS) stops storing a file once it passes the
  limit of the view it is sent to (`max_upload_bytes` on the view class, else
  settings.FILE_UPLOAD_MAX_BYTES) and hands the form an `OversizedUpload` instead, so the page
  says "too large" next to the field rather than failing or filling the disk. The proxy's body
  limit (README) stops bodies far beyond that before they reach the application.
- `UploadField` is the form field every upload uses: it turns an `OversizedUpload` or a file
  above its own limit into a German message at the field.
- `check_archive` refuses a zip file by its table of contents, before anything is unpacked: a
  310 KB .xlsx held 100 MB of sheet XML and killed the worker that parsed it. The sizes in the
  table of contents can be trusted as upper bounds: Python's zipfile never returns more than the
  declared size of an entry and fails the CRC check if the data was cut short.
"""

import io
import zipfile

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MB = 1024 * 1024
# What a spreadsheet, document or codebook may unpack to. A district's 20,000-row address list
# is about 5 MB of sheet XML, a two-hour transcript well under 1 MB of document XML.
MAX_ARCHIVE_UNPACKED_BYTES = 50 * MB
MAX_ARCHIVE_ENTRIES = 1000
ZIP_MAGIC = b"PK\x03\x04"


class ArchiveError(ValueError):
    """An archive we refuse to unpack; the message is German and meant for the user."""


def _megabytes(limit: int) -> str:
    """5 MB as "5", 2.5 MB as "2,5" (a German reader's decimal comma)."""
    return f"{round(limit / MB, 1):g}".replace(".", ",")


def check_archive(
    raw: bytes,
    *,
    max_unpacked_bytes: int = MAX_ARCHIVE_UNPACKED_BYTES,
    max_entries: int = MAX_ARCHIVE_ENTRIES,
) -> None:
    """Raise ArchiveError if the zip file `raw` is damaged, has too many entries or unpacks to
    more than `max_unpacked_bytes`. Reads only the archive's table of contents."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise ArchiveError(_("Die Datei lässt sich nicht öffnen. Ist sie beschädigt?")) from error
    if len(entries) > max_entries:
        raise ArchiveError(
            _("Die Datei besteht aus mehr als %(n)s Teilen; so große Dateien nehmen wir nicht an.")
            % {"n": max_entries}
        )
    if sum(entry.file_size for entry in entries) > max_unpacked_bytes:
        raise ArchiveError(
            _(
                "Die Datei ist entpackt größer als %(mb)s MB; so große Dateien nehmen wir nicht "
                "an. Bitte teilen Sie sie auf."
            )
            % {"mb": _megabytes(max_unpacked_bytes)}
        )


class OversizedUpload(UploadedFile):
    """Stands in for a file the upload handler stopped storing because it was too large."""

    oversized = True

    def __init__(self, *, name, content_type, size, charset=None, limit):
        super().__init__(io.BytesIO(b""), name, content_type, size, charset)
        self.limit = limit


def upload_limit_of(request) -> int:
    """The largest file the view behind `request` accepts."""
    match = getattr(request, "resolver_match", None)
    view_class = getattr(getattr(match, "func", None), "view_class", None)
    return getattr(view_class, "max_upload_bytes", None) or settings.FILE_UPLOAD_MAX_BYTES


class LimitedUploadHandler(FileUploadHandler):
    """Counts each file's bytes as they arrive; past the limit, the later handlers (memory or
    temporary file) get nothing more and the form gets an OversizedUpload."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.limit = upload_limit_of(self.request)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            return None  # swallowed: the rest of the file is read from the socket and dropped
        return raw_data

    def file_complete(self, file_size):
        if self.received <= self.limit:
            return None  # the next handler built the file
        return OversizedUpload(
            name=self.file_name,
            content_type=self.content_type,
            size=self.received,
            charset=self.charset,
            limit=self.limit,
        )


class UploadField(forms.FileField):
    """A file field with a size limit and a German message when the file is larger."""

    default_error_messages = {
        "too_large": gettext_lazy(
            "Die Datei ist größer als %(mb)s MB. Bitte wählen Sie eine kleinere Datei."
        ),
    }

    def __init__(self, *, max_bytes: int | None = None, **kwargs):
        self.max_bytes = max_bytes
        super().__init__(**kwargs)

    def to_python(self, data):
        if getattr(data, "oversized", False):
            limit = min(filter(None, (self.max_bytes, data.limit)))
            raise forms.ValidationError(
                self.error_messages["too_large"], code="too_large", params={"mb": _megabytes(limit)}
            )
        upload = super().to_python(data)
        limit = self.max_bytes or settings.FILE_UPLOAD_MAX_BYTES
        if upload is not None and upload.size > limit:
            raise forms.ValidationError(
                self.error_messages["too_large"], code="too_large", params={"mb": _megabytes(limit)}
            )
        return upload
