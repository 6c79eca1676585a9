"""Settings every environment of the demo site shares. The demo uses Kopiena exactly as a
host does: ``kopiena.installed_apps()``, ``include("kopiena.urls")``, the ``KOPIENA`` dict and
the settings the host contract names (README "Add Kopiena to an existing Wagtail site").

Environment variables switch the parts that differ between machines:
``DATABASE_URL`` (SQLite under ``var/`` when unset), ``REDIS_URL`` (locmem cache when unset).
"""

import os
from pathlib import Path

import dj_database_url

import kopiena
from kopiena.csp import content_security_policy

PROJECT_DIR = Path(__file__).resolve().parent.parent  # demo/
BASE_DIR = PROJECT_DIR.parent  # repository root
VAR_DIR = Path(os.environ.get("KOPIENA_VAR_DIR", BASE_DIR / "var"))

INSTALLED_APPS = kopiena.installed_apps(
    [
        "demo.home",
        "demo.data",
        "wagtail.contrib.redirects",
        "wagtail.embeds",
        "wagtail.sites",
        "wagtail.users",
        "wagtail.snippets",
        "wagtail.documents",
        "wagtail.images",
        "wagtail.search",
        "wagtail.locales",
        "wagtail.admin",
        "wagtail",
        "modelcluster",
        "taggit",
        "django.contrib.admin",
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
        "django.contrib.staticfiles",
    ]
)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (kopiena.csp) and Permissions-Policy on every answer.
    "csp.middleware.CSPMiddleware",
    "kopiena.casework.middleware.SecurityHeadersMiddleware",
    # Odd parameters answer 400 before a view runs; "database is locked" answers 503.
    "kopiena.casework.middleware.HostileInputMiddleware",
    "kopiena.casework.middleware.DatabaseBusyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "kopiena.pages.locales.LanguageFromPrefixMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kopiena.pages.middleware.ConsentRefusalMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "demo.urls"
WSGI_APPLICATION = "demo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kopiena.context_processors.kopiena",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
# SQLite under var/ unless DATABASE_URL names another database (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'kopiena.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
#: SQLite under concurrent writes: wait up to 20 s for the writer ahead (busy timeout), and
#: take the write lock when a transaction begins (BEGIN IMMEDIATE), so two requests that
#: read and then write queue up instead of deadlocking into "database is locked". Should
#: the wait still run out, kopiena's DatabaseBusyMiddleware answers 503 with Retry-After.
SQLITE_OPTIONS = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ.get("TEST_DATABASE_NAME") or (
    "test_kopiena" if "postgresql" in DATABASES["default"]["ENGINE"] else None
)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache --------------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kopiena",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background tasks ---------------------------------------------------------------------
# Notification e-mails are tasks. Immediate in development and tests (run after commit, in
# the request); production overrides this with a worker-backed queue.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Authentication -----------------------------------------------------------------------
# Failed sign-ins are counted per user name and per address (casework.throttle).
AUTHENTICATION_BACKENDS = ["kopiena.casework.throttle.ThrottledModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "lv"
LANGUAGES = [
    ("lv", "Latviešu"),
    ("en", "English"),
    ("ru", "Русский"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Europe/Riga"
USE_I18N = True
USE_TZ = True

# --- Static and media ---------------------------------------------------------------------
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
#: Attachments of NGO applications and reports: outside MEDIA_ROOT, never served by the web
#: server, only through the portal's access-checked view
#: (``portal.views.applications.attachment_download``).
PRIVATE_STORAGE = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": VAR_DIR / "private", "base_url": "/portal/attachments/"},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": PRIVATE_STORAGE,
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail ------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Kopiena"
#: ASCII slugs, transliterated from Latvian and Russian titles (kopiena.W002).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
#: Wagtail's own default avatar: no staff e-mail hash is sent to Gravatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "demo_home.DemoImage"
WAGTAILIMAGES_IMAGE_FORM_BASE = "kopiena.pages.forms.ConsentImageForm"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

# --- E-mail -------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kopiena <kopiena@example.lv>")
EMAIL_SUBJECT_PREFIX = "[Kopiena] "

SITE_ID = 1

# --- Kopiena -------------------------------------------------------------------------------
KOPIENA = {
    # The demo's own base template (site menu, language switch, footer).
    "BASE_TEMPLATE": "base.html",
}

# --- Security headers ---------------------------------------------------------------------
CONTENT_SECURITY_POLICY = content_security_policy(KOPIENA)
SECURE_REFERRER_POLICY = "same-origin"
