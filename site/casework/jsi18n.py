"""Wagtail's admin script strings that its own catalogue leaves English in Latvian
("Collapse all", "Expand all" of the editor's minimap).

Wagtail's scripts translate through Django's JavaScript catalogue (``django.gettext``
reading ``django.catalog``), which Wagtail fills from ``wagtail.admin``'s ``djangojs``
catalogue only. Every admin page (the ``insert_global_admin_js`` hook in
``wagtail_hooks``) carries these strings translated through the project's own ``django``
catalogue as JSON data, and ``static/kopiena/admin-strings.js`` adds them to
``django.catalog`` before Wagtail's scripts render the editor. No inline script (the
Content Security Policy allows none) and no extra request.
"""

from django.templatetags.static import static
from django.utils.html import format_html, json_script
from django.utils.translation import gettext, gettext_noop

SCRIPT_STRINGS = [
    gettext_noop("Collapse all"),
    gettext_noop("Expand all"),
]


def admin_script_strings() -> str:
    """The translations (in the active language) and the script that hands them over."""
    translated = {msgid: gettext(msgid) for msgid in SCRIPT_STRINGS}
    catalogue = {msgid: text for msgid, text in translated.items() if text != msgid}
    return json_script(catalogue, "kopiena-admin-strings") + format_html(
        '<script src="{}"></script>', static("kopiena/admin-strings.js")
    )
