"""Test settings: fast hasher, locmem cache and mail, immediate tasks.

The database comes from ``DATABASE_URL`` like everywhere else: ``make test`` runs the suite
once on SQLite and once more on PostgreSQL.
"""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "kopiena-tests-only"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
KOPIENA_DEMO_DATA_ALLOWED = True  # the demo's own tests load it with DEBUG off
