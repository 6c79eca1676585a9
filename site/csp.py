"""The Content-Security-Policy Kopiena's pages work under, for a host's settings (django-csp
4: ``csp.middleware.CSPMiddleware`` in ``MIDDLEWARE``)::

    from kopiena.csp import content_security_policy
    CONTENT_SECURITY_POLICY = content_security_policy(KOPIENA)

Kopiena's public pages, portal and APIs load scripts, styles, fonts and data only from the
site itself (no inline script or style element, no ``eval``), images also as ``data:`` URLs
and from the social map's tile server (``KOPIENA["SOCIAL_MAP_TILES"]["url"]``); nothing
may frame them but the site. The Wagtail admin is left out (``EXCLUDE_URL_PREFIXES``): its
own pages still need inline scripts and styles.

Imports nothing that needs Django set up, so settings files may import it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from kopiena.conf import DEFAULTS

SELF = "'self'"
NONE = "'none'"

#: Browser features no Kopiena page uses are switched off; the social map's "near me" asks
#: for the location on the site itself only. Sent by ``casework.middleware``.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(self), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)


def tile_source(url: str | None) -> str | None:
    """The CSP source of a Leaflet URL template: its scheme and host, ``{s}`` (the
    sub-domain letters) as ``*``."""
    if not url:
        return None
    parts = urlsplit(url.replace("{s}", "a"))
    if not parts.scheme or not parts.netloc:
        return None  # a relative URL: the site itself
    host = parts.netloc
    if "{s}" in url.split("//", 1)[-1].split("/", 1)[0]:
        host = "*." + host.split(".", 1)[1]
    return f"{parts.scheme}://{host}"


def content_security_policy(
    kopiena: dict | None = None, *, exclude=("/admin/",), extra: dict | None = None
) -> dict:
    """django-csp's ``CONTENT_SECURITY_POLICY`` for a host whose ``KOPIENA`` settings are
    ``kopiena``; ``extra`` adds sources per directive (a host's own CDN, say)."""
    tiles = (kopiena or {}).get("SOCIAL_MAP_TILES", DEFAULTS["SOCIAL_MAP_TILES"]) or {}
    images = [SELF, "data:"]
    source = tile_source(tiles.get("url"))
    if source:
        images.append(source)
    directives = {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": images,
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
    for name, sources in (extra or {}).items():
        directives[name] = [*directives.get(name, []), *sources]
    return {"EXCLUDE_URL_PREFIXES": list(exclude), "DIRECTIVES": directives}
