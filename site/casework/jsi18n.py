"""Wagtail's admin JavaScript strings that its own catalogue leaves English in Latvian
("Collapse all", "Expand all" of the editor's minimap).

Wagtail's scripts translate through Django's JavaScript catalogue (``django.gettext``
reading ``django.catalog``), which Wagtail fills from ``wagtail.admin``'s ``djangojs``
catalogue only. Every admin page loads this app's ``djangojs`` catalogue after it (the
``insert_global_admin_js`` hook in ``wagtail_hooks``), whose entries are added to the same
``django.catalog``, in the admin user's language like Wagtail's own. The strings are listed
in ``static/kopiena/wagtail-strings.js`` so that ``makemessages -d djangojs`` finds them.
"""

from django.views.i18n import JavaScriptCatalog
from wagtail.admin.localization import get_localized_response

_catalog = JavaScriptCatalog.as_view(packages=["kopiena.casework"])


def admin_js_catalog(request, *args, **kwargs):
    return get_localized_response(_catalog, request, *args, **kwargs)
