"""PDF rendering for every app: a Django template in, PDF bytes out (WeasyPrint).

    from ikokmu.pdf import render_pdf
    pdf = render_pdf("catalog/pdf/brochure.html", {"measures": measures})

Templates extend "pdf/base.html", which brings the platform's own Noto Sans from static/fonts,
page size A4, margins and the footer "Seite x von y" (override the blocks `page_css`, `footer`,
`content`). Inside a template, refer to static files with `{% static %}`; internal links
(`href="#id"`) work with `target-counter(attr(href), page)` for tables of contents.

The renderer loads only local files. `LocalFetcher` answers requests for static files from
disk, through Django's staticfiles finders (and STATIC_ROOT after collectstatic), and refuses
everything else: no web address, no file outside the static files, so a user's text in a
template can never make the server fetch something. A refused resource is left out with a
warning in the log; pass `strict=True` to fail instead (tests do).
"""

import logging
import mimetypes
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# Relative URLs in templates resolve against this origin; it never leaves the process.
LOCAL_ORIGIN = "https://pdf.ikokmu.invalid"
BASE_URL = f"{LOCAL_ORIGIN}/"


_thread = threading.local()


def _font_config():
    """One FontConfiguration per thread: the fonts of @font-face are decoded and registered once,
    not for every document (Pango's font maps are not shared between threads)."""
    from weasyprint.text.fonts import FontConfiguration

    if getattr(_thread, "font_config", None) is None:
        _thread.font_config = FontConfiguration()
    return _thread.font_config


def _no_network_tls():
    """The TLS context of the fetcher's HTTPS handler, made once: without one, every document
    built a default context and read the system's certificate store (about 0.35 s of CPU per
    PDF) for a fetcher that never goes on the network."""
    import ssl

    if getattr(_thread, "tls", None) is None:
        _thread.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    return _thread.tls


class RefusedResource(ValueError):
    """A template asked for something that is not a local static file."""


def static_path(url: str) -> Path | None:
    """The file on disk for a static URL of LOCAL_ORIGIN, or None."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != LOCAL_ORIGIN:
        return None
    prefix = "/" + settings.STATIC_URL.lstrip("/")
    path = unquote(parts.path)
    if not path.startswith(prefix):
        return None
    relative = path[len(prefix) :]
    if not relative or ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if found:
        return Path(found)
    if settings.STATIC_ROOT:
        candidate = (Path(settings.STATIC_ROOT) / relative).resolve()
        if candidate.is_file() and Path(settings.STATIC_ROOT).resolve() in candidate.parents:
            return candidate
    return None


def _local_fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):
        """Serves static files from disk and data: URLs; refuses every other address."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)  # inline data, nothing is fetched
            path = static_path(url)
            if path is None:
                raise RefusedResource(f"PDF rendering loads only local static files: {url}")
            mime_type, _encoding = mimetypes.guess_type(path.name)
            return URLFetcherResponse(
                url,
                body=path.read_bytes(),
                headers={"Content-Type": mime_type or "application/octet-stream"},
            )

    return LocalFetcher


def render_pdf(
    template_name: str,
    context: dict | None = None,
    *,
    base_url: str | None = None,
    request=None,
    strict: bool = False,
) -> bytes:
    """Render a template to PDF bytes, loading only local static files.

    `base_url` is where relative URLs in the template resolve (default: BASE_URL, the local
    origin the fetcher serves static files for); `request` is passed to the template engine;
    `strict` makes a refused or missing resource an error instead of a logged warning.
    """
    from weasyprint import HTML

    html = render_to_string(template_name, context or {}, request=request)
    fetcher = _local_fetcher_class()(
        fail_on_errors=strict, allowed_protocols=None, ssl_context=_no_network_tls()
    )
    document = HTML(string=html, base_url=base_url or BASE_URL, url_fetcher=fetcher)
    font_config = _font_config()
    # Tagged PDF: screen readers get headings, lists and tables, and the reading order.
    return document.write_pdf(font_config=font_config, pdf_tags=True)
