// Wagtail's admin scripts' strings that Wagtail's Latvian catalogue leaves in English.
// Never loaded: listed for `makemessages -d djangojs`; the translations reach Wagtail
// through the catalogue kopiena.casework.jsi18n serves on every admin page.
/* global gettext */
gettext('Collapse all');
gettext('Expand all');
