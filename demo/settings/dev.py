"""Local development: ``make run``. Debug on, e-mail printed to the console."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "django-insecure-kopiena-development-only"  # noqa: S105 - never used in production
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
