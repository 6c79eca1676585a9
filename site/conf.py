"""Kopiena's own settings: one ``KOPIENA = {...}`` dict in the host's settings, every key
optional. ``kopiena_setting("BASE_TEMPLATE")`` reads one, falling back to :data:`DEFAULTS`.

The README's "Add Kopiena to an existing Wagtail site" documents each key; what Kopiena needs
from Django's and Wagtail's own settings is checked by ``kopiena.checks``.
"""

from django.conf import settings

DEFAULTS = {
    #: The template Kopiena's public and portal pages extend. It must have a ``content``
    #: block; Kopiena's pages bring their own CSS and JavaScript inside it. The default is a
    #: plain page of Kopiena's own; a host sets its site's base template here.
    "BASE_TEMPLATE": "kopiena/base.html",
    #: Page types under which Kopiena's section pages (news index, pilot-story index, call
    #: index) may be created, as ``"app_label.ModelName"`` strings. ``None``: under any page.
    "INDEX_PARENT_PAGE_TYPES": None,
    #: The name of the storage (in ``STORAGES``) for NGOs' attachments and uploaded import
    #: files: never served by the web server, only through Kopiena's permission-checked
    #: views.
    "PRIVATE_STORAGE": "private",
    #: The address people reach the site at, for links in e-mails and in the page API
    #: (``https://kopiena.example.lv``). ``None``: Wagtail's ``WAGTAILADMIN_BASE_URL``.
    "BASE_URL": None,
    #: Where ``kopiena.urls`` mounts the page API (Wagtail API v2); ``None``: not mounted.
    "PAGE_API_PATH": "api/v2/",
    #: The address of a headless front end's preview page. Set, Kopiena's pages get a
    #: "Front end" preview mode that sends the editor there with a preview token; the front
    #: end reads the draft from the page API's ``page_preview`` endpoint. ``None``: off.
    "HEADLESS_PREVIEW_URL": None,
    #: The language of the portal and of e-mails when a person has not chosen one.
    "DEFAULT_LANGUAGE": "lv",
    #: Social map: an entry not confirmed for this many months is flagged to the editors and
    #: its organisation's members are asked to confirm it…
    "SOCIAL_MAP_FLAG_AFTER_MONTHS": 12,
    #: …and after this many months it is hidden from the public until confirmed.
    "SOCIAL_MAP_HIDE_AFTER_MONTHS": 18,
    #: How many days the "still correct" / "needs changes" links in those e-mails work.
    "SOCIAL_MAP_LINK_DAYS": 30,
    #: The map's tile server (Leaflet URL template) and its attribution; ``None``: the map
    #: shows the markers on a plain background (no request leaves the site).
    "SOCIAL_MAP_TILES": {
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "attribution": "© OpenStreetMap contributors",
        "max_zoom": 19,
    },
    #: Days a case-API token works after it was created (``casework.tokens``); ``None``:
    #: until revoked. Changing or resetting the password revokes all of a person's tokens.
    "API_TOKEN_DAYS": 90,
    #: Bounds on an imported file, checked before anything is expanded
    #: (``casework.importing.reading``): rows of data, columns, bytes unpacked (an XLSX's
    #: members together, a CSV's text) and characters in one cell.
    "IMPORT_LIMITS": {
        "rows": 20_000,
        "columns": 200,
        "unpacked_bytes": 10 * 1024 * 1024,
        "cell_chars": 10_000,
    },
    #: Monitoring's deadlines in days (``kopiena.monitoring.settings``): ``decision``,
    #: ``report``, ``plan_decision``. Empty: the examples there (30, 30, 14).
    "MONITORING_DEADLINES": {},
}


def kopiena_setting(name: str):
    if name not in DEFAULTS:
        raise KeyError(f"KOPIENA has no setting {name!r}")
    return getattr(settings, "KOPIENA", {}).get(name, DEFAULTS[name])


def base_url() -> str:
    """The site's address without a trailing slash, for absolute links."""
    url = kopiena_setting("BASE_URL") or getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    return url.rstrip("/")


def private_storage():
    """The storage of private files (``KOPIENA["PRIVATE_STORAGE"]``)."""
    from django.core.files.storage import storages

    return storages[kopiena_setting("PRIVATE_STORAGE")]


def default_language() -> str:
    """``KOPIENA["DEFAULT_LANGUAGE"]`` when the site offers it, else the site's own."""
    wanted = kopiena_setting("DEFAULT_LANGUAGE")
    codes = {code for code, _name in settings.LANGUAGES}
    return wanted if wanted in codes else settings.LANGUAGE_CODE
