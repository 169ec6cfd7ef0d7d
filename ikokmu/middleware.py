import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.translation import gettext as _


class ChosenLanguageMiddleware:
    """German unless the user chose another language with the switch in the footer.

    Django's LocaleMiddleware would follow the browser's Accept-Language header; the platform's
    users work in German whatever their browser says, so only the explicit choice (the language
    cookie that set_language writes) counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class PageHeadersMiddleware:
    """Headers for every page and file the platform answers with (static files are served before
    this, by whitenoise, with their own long cache lifetime).

    `Cache-Control: no-store` keeps pages and files out of browser and proxy caches, where the
    next person at a shared computer (a respondent in an office, staff at a district's front
    desk) could open them again: survey pages and answers, contacts, exports, PDFs. It applies to
    every response rather than a list of sensitive ones, so a new page cannot be forgotten; a
    view that may be cached says so with its own Cache-Control header.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        response.headers.setdefault("Cache-Control", "no-store")
        return response


class StaffSessionTimeoutMiddleware:
    """Signs a user out after SESSION_IDLE_TIMEOUT seconds without a request, and at the latest
    SESSION_COOKIE_AGE seconds after signing in.

    Django's session lifetime alone is neither: it starts again whenever the session is saved.
    The two stamps live in the session; the last-seen one is renewed at most once a minute, so
    not every request writes the session. Respondents are never signed in and are not affected.
    """

    RENEW_AFTER = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            reason = session_expired(request.session)
            if reason:
                redirect = self.sign_out(request, reason)
                if redirect is not None:
                    return redirect
            else:
                touch_session(request.session, renew_after=self.RENEW_AFTER)
        # Signed out, the request goes on as anybody's: a public page shows, any other sends
        # the user to the sign-in page (the access policy) and back here afterwards.
        return self.get_response(request)

    def sign_out(self, request, reason: str):
        logout(request)
        if reason == "idle":
            text = _(
                "Sie wurden nach %(minutes)d Minuten ohne Aktivität abgemeldet. "
                "Bitte melden Sie sich erneut an."
            ) % {"minutes": settings.SESSION_IDLE_TIMEOUT // 60}
        else:
            text = _(
                "Ihre Anmeldung ist nach %(hours)d Stunden abgelaufen. "
                "Bitte melden Sie sich erneut an."
            ) % {"hours": settings.SESSION_COOKIE_AGE // 3600}
        messages.info(request, text)
        if request.headers.get("HX-Request") != "true":
            return None
        # An htmx request would put the sign-in page inside the fragment it replaces: the whole
        # page goes there instead, and comes back to the page the user was on.
        page = urlsplit(request.headers.get("HX-Current-URL", "")).path or "/"
        response = HttpResponse(status=204)
        response["HX-Redirect"] = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': page})}"
        return response


SIGNED_IN_AT = "ikokmu_signed_in_at"
LAST_SEEN_AT = "ikokmu_last_seen_at"


def start_session_clock(session) -> None:
    """Stamps a fresh sign-in (called on user_logged_in)."""
    now = int(time.time())
    session[SIGNED_IN_AT] = now
    session[LAST_SEEN_AT] = now


def session_expired(session) -> str | None:
    """ "idle", "lifetime" or None."""
    now = int(time.time())
    signed_in = session.get(SIGNED_IN_AT)
    last_seen = session.get(LAST_SEEN_AT)
    if signed_in is None or last_seen is None:
        # Signed in before the stamps existed: the clock starts now.
        start_session_clock(session)
        return None
    if now - signed_in > settings.SESSION_COOKIE_AGE:
        return "lifetime"
    if now - last_seen > settings.SESSION_IDLE_TIMEOUT:
        return "idle"
    return None


def touch_session(session, *, renew_after: int) -> None:
    now = int(time.time())
    if now - session.get(LAST_SEEN_AT, 0) >= renew_after:
        session[LAST_SEEN_AT] = now
