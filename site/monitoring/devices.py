"""One answer per link and device — and what that can and cannot mean.

The first time a browser opens a survey it gets a signed, HttpOnly cookie holding a random
token (:data:`COOKIE`, two years). A response through a link that allows one answer per
device stores ``HMAC(secret, link id + token)``: the database refuses a second response with
the same hash for the same link (a unique constraint, so two taps at once make one
response), yet the hash cannot be matched to another survey's responses or turned back into
the token, and no address or name is stored.

The limit is the browser, not the person: another browser, a private window or cleared
cookies answer again, and two people sharing one phone answer once unless staff allow more
for that link. Staff read the responses against the community's size.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core import signing

COOKIE = "kopiena_device"
SALT = "kopiena.monitoring.device"
MAX_AGE = 2 * 365 * 24 * 3600


def device_token(request) -> str | None:
    try:
        return request.get_signed_cookie(COOKIE, salt=SALT, max_age=MAX_AGE)
    except (KeyError, signing.BadSignature):
        return None


def new_device_token() -> str:
    return secrets.token_urlsafe(24)


def set_device_cookie(response, token: str) -> None:
    response.set_signed_cookie(
        COOKIE,
        token,
        salt=SALT,
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=bool(getattr(settings, "SESSION_COOKIE_SECURE", False)),
    )


def device_hash(link_id: int, token: str) -> str:
    key = hashlib.sha256(f"{settings.SECRET_KEY}:{SALT}".encode()).digest()
    return hmac.new(key, f"{link_id}:{token}".encode(), hashlib.sha256).hexdigest()
