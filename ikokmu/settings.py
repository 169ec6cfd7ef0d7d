"""Settings of the IKÖKMU platform.

Everything that differs between a laptop and production comes from the environment; the defaults
are for development. Production sets at least DEBUG=false, SECRET_KEY, ALLOWED_HOSTS,
DATABASE_URL and SITE_URL (see README.md).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

_DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"
SECRET_KEY = env("SECRET_KEY", _DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    # Fail at start rather than run production with a key everybody can read on GitHub.
    raise ImproperlyConfigured("SECRET_KEY muss gesetzt sein, wenn DEBUG=false ist.")
# Earlier keys, comma-separated, while a new SECRET_KEY takes over (README "SECRET_KEY wechseln"):
# sessions, password-reset links and the survey links (surveys.tokens) keep working.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", "")

# HOST and PORT: where `make run` listens (default 127.0.0.1:8000); SITE_URL follows them unless
# set, so links in e-mails and the address seed_demo prints are the real ones.
_HOST = env("HOST", "127.0.0.1").strip()
_PORT = env("PORT", "8000").strip()
_SITE_HOST = "127.0.0.1" if _HOST in {"", "0.0.0.0", "::"} else _HOST
if ":" in _SITE_HOST:
    _SITE_HOST = f"[{_SITE_HOST}]"
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ",".join(dict.fromkeys(["127.0.0.1", "localhost", "testserver", _SITE_HOST]))
)
SITE_URL = env("SITE_URL", f"http://{_SITE_HOST}:{_PORT}").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", SITE_URL)

INSTALLED_APPS = [
    "ikokmu",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "import_export",
    "simple_history",
    "django_tasks_db",
    "axes",
    # Our apps, in the order their demo data is built (seed_demo follows this order).
    "districts",
    "catalog",
    "interviews",
    "surveys",
    "consulting",
    "events",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ikokmu.middleware.NulFreeQueryMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below whitenoise, so static files keep their long cache lifetime and carry no page headers;
    # above everything else, so error pages (the 500 and the 503 of a database outage) get them.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "ikokmu.middleware.PageHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ikokmu.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the messages, so the sign-out it causes can say why.
    "ikokmu.middleware.StaffSessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "ikokmu.access.AccessPolicyMiddleware",
    # Last, so that a locked-out login is answered before the view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ikokmu.urls"
WSGI_APPLICATION = "ikokmu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ikokmu.context_processors.layout",
            ],
        },
    },
]

# Database: DATABASE_URL if given, otherwise the embedded PostgreSQL in var/pgdata. Never SQLite.
# Two roles (README "Datenbank-Rollen"): the application connects with DATABASE_URL as a role
# that owns nothing; migrations (and backup, restore, test databases) use MIGRATION_DATABASE_URL,
# the role that owns the tables. Without MIGRATION_DATABASE_URL both are the same role.
CONN_MAX_AGE = int(env("CONN_MAX_AGE", "600"))
if env("DATABASE_URL"):
    _database = dj_database_url.parse(
        env("DATABASE_URL"), conn_max_age=CONN_MAX_AGE, conn_health_checks=True
    )
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _database["ENGINE"] = "ikokmu.db"
    _owner = {}
    if env("MIGRATION_DATABASE_URL"):
        _owner = dj_database_url.parse(env("MIGRATION_DATABASE_URL"))
        if _owner.get("NAME") != _database.get("NAME"):
            raise ImproperlyConfigured(
                "MIGRATION_DATABASE_URL muss dieselbe Datenbank nennen wie DATABASE_URL."
            )
    _database["OWNER"] = {key: _owner.get(key) for key in ("USER", "PASSWORD", "HOST", "PORT")}
else:
    from ikokmu import devdb

    _database = {
        # PostgreSQL, starting the embedded server on the first connection.
        "ENGINE": "ikokmu.db",
        "EMBEDDED": True,
        "NAME": devdb.DATABASE_NAME,
        "USER": devdb.APP_ROLE,
        "OWNER": {"USER": devdb.OWNER_ROLE},
        "HOST": str(devdb.PGDATA),
        "CONN_MAX_AGE": CONN_MAX_AGE,
        "CONN_HEALTH_CHECKS": True,
    }
_database["APP_USER"] = _database.get("USER")
_database["APP_PASSWORD"] = _database.get("PASSWORD")
DATABASES = {"default": _database}
# Lets two test runs share one server (for example two developers' suites at once).
DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME") or None}
if DATABASES["default"]["ENGINE"] != "ikokmu.db":
    raise ImproperlyConfigured(
        "Die Plattform läuft nur mit PostgreSQL (DATABASE_URL=postgres://…)."
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Authentication
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "ikokmu.backends.ProjectTeamBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# How many reverse proxies in front of the application append to X-Forwarded-For; the client
# address is read behind exactly that many (ikokmu.client). 0: the header is ignored.
TRUSTED_PROXY_COUNT = int(env("PROXY_COUNT", "0"))

# django-axes: after 5 failures a user name from one address, and an address whatever names it
# tries, wait for a while. A user name alone is never locked: else anyone could lock the team out
# by typing their names; guessing is stopped by the address limit.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "ikokmu.client.client_address"

# A signed-in session ends 10 hours after the sign-in whatever happens (absolute lifetime), and
# earlier after 60 minutes without a request (idle timeout); see StaffSessionTimeoutMiddleware.
# Respondents have no session to lose: their link is their key.
SESSION_COOKIE_AGE = 60 * 60 * 10
SESSION_IDLE_TIMEOUT = int(env("SESSION_IDLE_MINUTES", "60")) * 60
SESSION_COOKIE_HTTPONLY = True

# Internationalisation: German by default, English selectable.
LANGUAGE_CODE = "de"
# Staff work in German or English; respondents and visitors also read Turkish, Arabic (right to
# left), Ukrainian and Romanian (the questionnaire's pages, the catalogue's labels), each named
# in its own language so that a reader finds it.
LANGUAGES = [
    ("de", _("Deutsch")),
    ("en", _("Englisch")),
    ("tr", "Türkçe"),
    ("ar", "العربية"),
    ("uk", "Українська"),
    ("ro", "Română"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# Static files: served by whitenoise, never from a CDN.
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "media"))},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Request bodies. Form fields without files: at most 10 MB (a pasted transcript of a long
# interview is well under that). Files: kept in memory up to 2.5 MB, above that in a temporary
# file, and never more than FILE_UPLOAD_MAX_BYTES (a view may allow more: `max_upload_bytes`):
# ikokmu.uploads stops storing a larger file while it streams in and the form says so. The
# reverse proxy limits the whole body before that (README, "Betrieb in Produktion").
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
FILE_UPLOAD_MAX_BYTES = 20 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "ikokmu.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: Django 6.1 mailers. Development prints mails on the console of `make run`;
# production sets MAIL_BACKEND=smtp and the SMTP_* variables.
_MAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
}
_mail_backend = env("MAIL_BACKEND", "console" if DEBUG else "smtp")
if _mail_backend not in _MAIL_BACKENDS:
    raise ImproperlyConfigured(f"MAIL_BACKEND muss einer von {sorted(_MAIL_BACKENDS)} sein.")
_mail_options: dict = {}
if _mail_backend == "smtp":
    _mail_options = {
        "host": env("SMTP_HOST", "localhost"),
        "port": int(env("SMTP_PORT", "587")),
        "username": env("SMTP_USER"),
        "password": env("SMTP_PASSWORD"),
        "use_tls": env_bool("SMTP_STARTTLS", True),
        "timeout": 30,
    }
elif _mail_backend == "file":
    _mail_options = {"file_path": env("MAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))}
MAILERS = {"default": {"BACKEND": _MAIL_BACKENDS[_mail_backend], "OPTIONS": _mail_options}}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "IKÖKMU-Plattform <noreply@ikoekmu.example>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Registrations for events without consent to later contact are deleted this many days after
# the event (`manage.py purge_event_registrations`, run daily).
EVENT_REGISTRATION_RETENTION_DAYS = int(env("EVENT_REGISTRATION_RETENTION_DAYS", "90"))

# Background work: Django's tasks framework with the database backend.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Security: strict in production, relaxed only where plain-HTTP development needs it.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content Security Policy (Django's own middleware): scripts, styles, fonts and requests only from
# the platform itself, never inline, so injected markup can neither run script nor restyle the
# page. Templates therefore carry no style="" or on…="" attributes and no inline <script> or
# <style>; presentation goes into static CSS, behaviour into static JS reading data attributes.
# data: images are Bootstrap's own icons (form controls, menu button) inside its stylesheet.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Features no page of the platform uses, refused for the page and anything it might embed.
PERMISSIONS_POLICY = {"camera": [], "microphone": [], "geolocation": []}
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# One line per event on stderr (journald or the container runtime keeps it): time, level,
# logger, process id, message (README "Protokolle").
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own console handler would print every django.* line a second time next to
        # the root handler (the worker's task lines, the autoreloader); the root handler is enough.
        "django": {"handlers": [], "level": "INFO"},
        "pgserver": {"level": "WARNING"},
        # WeasyPrint logs each layout step and page at INFO: hundreds of lines per brochure.
        "weasyprint.progress": {"level": "WARNING"},
    },
}
