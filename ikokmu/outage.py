"""What visitors see while the database is unreachable: 503 with Retry-After instead of 500.

During an outage every request fails at its first query, wherever that is (the token limit, the
session, the access policy, the view), so the answer is made where Django turns any uncaught
exception into a response: the project's handler500. It renders without the database: no context
processors, no session, no user; the language is the one the visitor's last page was shown in,
remembered in a cookie, since a respondent's chosen language is stored in the database.
"""

import sys

import psycopg2
from django import db
from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils import translation

RETRY_AFTER_SECONDS = 30
PAGE_LANGUAGE_COOKIE = "ikokmu_seitensprache"
DATABASE_ERRORS = (
    db.OperationalError,
    db.InterfaceError,
    psycopg2.OperationalError,
    psycopg2.InterfaceError,
)


def remember_page_language(response, language: str) -> None:
    """Notes the language a page was shown in, for the outage page. Set by pages whose language
    comes from the database (the questionnaire's)."""
    response.set_cookie(
        PAGE_LANGUAGE_COOKIE,
        language,
        samesite="Lax",
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
    )


def caused_by_database_outage(error: BaseException | None) -> bool:
    """Whether the error, or one it arose from, is the database being unreachable (a failed
    connection, a connection closed under a query), as opposed to a fault in a query."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, DATABASE_ERRORS):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def page_language(request) -> str:
    languages = {code for code, _name in settings.LANGUAGES}
    remembered = request.COOKIES.get(PAGE_LANGUAGE_COOKIE)
    if remembered in languages:
        return remembered
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in languages else settings.LANGUAGE_CODE


def server_error(request):
    """handler500: the outage page for an unreachable database, else the plain error page.
    Django calls it inside its exception handler, so sys.exc_info() is the error."""
    if not caused_by_database_outage(sys.exc_info()[1]):
        return HttpResponseServerError(loader.render_to_string("500.html"))
    language = page_language(request)
    with translation.override(language):
        body = loader.render_to_string("503.html", {"LANGUAGE_CODE": language})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Content-Language"] = language
    return response
