"""WSGI entry point for gunicorn: ``gunicorn demo.wsgi`` run from the repository root (the
plugin ``kopiena`` is installed in the environment)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo.settings.production")

application = get_wsgi_application()
