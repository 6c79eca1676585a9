"""Kopiena: case management, participation and publishing for Latvian municipalities, as a
Wagtail plugin.

A host Wagtail site adds it in three lines (the README's "Add Kopiena to an existing Wagtail
site" and ``docs/architecture.md`` say the rest)::

    INSTALLED_APPS = [*kopiena.INSTALLED_APPS, ...the host's own apps and Wagtail's...]
    path("", include("kopiena.urls"))          # in the host's urlpatterns, before Wagtail's
    python manage.py migrate

This module imports nothing from Django, so settings files may import it.
"""

__version__ = "0.2.0"

#: Kopiena's own apps, in the order a host puts them in ``INSTALLED_APPS`` (before
#: Wagtail's apps, so Kopiena's templates for Wagtail's admin take precedence). The shared
#: core comes first; every domain app depends on it, never the other way round.
APPS = [
    "kopiena.casework",
    "kopiena.pages",
    "kopiena.grants",
    "kopiena.community_work",
    "kopiena.portal",
    "kopiena.social_map",
    "kopiena.monitoring",
    "kopiena.participation",
]

#: What Kopiena needs besides Wagtail's own apps: the libraries whose apps must be installed
#: too. A host that already lists one of them keeps it once (``INSTALLED_APPS`` must not
#: repeat an app): use :func:`installed_apps` to merge.
REQUIRED_APPS = [
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "django_filters",
    "rest_framework",
    "ninja",
    "import_export",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.humanize",
]

#: Everything to add to a host's ``INSTALLED_APPS`` that ``wagtail start`` does not already
#: list, in order.
INSTALLED_APPS = [*APPS, *REQUIRED_APPS]


def installed_apps(host_apps):
    """The host's ``INSTALLED_APPS`` with Kopiena's apps first and the libraries Kopiena
    needs added where the host lacks them; nothing is listed twice."""
    host_apps = list(host_apps)
    added = [app for app in INSTALLED_APPS if app not in host_apps]
    return [*[a for a in added if a in APPS], *host_apps, *[a for a in added if a not in APPS]]
