"""Who a voter is, for "one ballot per person", and the verification codes a process may
ask for.

**The person.** Online and on paper, a ballot carries the voter's personal code (declared
by the resident online, read from the paper ballot by staff). :func:`person_key` turns it
into ``p:`` and a keyed hash (HMAC with the site's ``SECRET_KEY``), so the same person gives
the same key whichever way they vote and the database's unique constraint on
``(process, voter_key)`` refuses the second ballot; the code itself is never stored and the
hash cannot be reversed by trying every code without the key. (Changing ``SECRET_KEY``
during a vote would give a person a new key: rotate it between rounds.)

**Verification codes.** Ten characters from an alphabet without look-alikes (``ABCD-EFGHJK``
as printed), about 2^49 possibilities, stored as a keyed hash; :func:`generate` returns the
plain codes once, to print or post. Wrong codes are counted per account and per client
address (:func:`wait_seconds`, :func:`record_failure`); past the limit, codes are not checked
until the window ends. The limits are ``KOPIENA_PARTICIPATION_CODE_LIMITS``.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
DEFAULT_LIMITS = {"user": (5, 15 * 60), "address": (30, 60 * 60)}
PREFIX = "participation-code-failures"


# --- the person -------------------------------------------------------------------------------


def normalise_person_code(value: str) -> str:
    """The personal code's eleven digits, or a ``ValidationError`` saying what is wrong.
    The old form (``DDMMYY-CNNNN``) must hold a real birth date; the new one (``32…``) holds
    no date. The check digit is not tested (its rule is not published authoritatively)."""
    digits = "".join(ch for ch in (value or "") if ch.isdigit())
    others = "".join(ch for ch in (value or "") if not ch.isdigit() and ch not in " -")
    if len(digits) != 11 or others:
        raise ValidationError(
            _("A personal code has 11 digits, for example 120385-11111."), code="format"
        )
    if not digits.startswith("32"):  # the new form; no day of a month is 32
        century = {"0": 1800, "1": 1900, "2": 2000}.get(digits[6])
        try:
            if century is None:
                raise ValueError
            dt.date(century + int(digits[4:6]), int(digits[2:4]), int(digits[0:2]))
        except ValueError:
            raise ValidationError(
                _("This personal code does not hold a valid date of birth."), code="date"
            ) from None
    return digits


def person_key(person_code: str) -> str:
    digits = normalise_person_code(person_code)
    return (
        "p:" + salted_hmac("kopiena.participation.person", digits, algorithm="sha256").hexdigest()
    )


# --- verification codes -----------------------------------------------------------------------


def normalise_code(value: str) -> str:
    return "".join(ch for ch in (value or "").upper() if ch.isalnum())


def code_hash(value: str) -> str:
    return salted_hmac(
        "kopiena.participation.code", normalise_code(value), algorithm="sha256"
    ).hexdigest()


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _i in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def _limits() -> dict[str, tuple[int, int]]:
    return {**DEFAULT_LIMITS, **getattr(settings, "KOPIENA_PARTICIPATION_CODE_LIMITS", {})}


def _keys(user, address: str) -> dict[str, str]:
    keys = {}
    if user is not None and getattr(user, "pk", None):
        keys["user"] = f"{PREFIX}:user:{user.pk}"
    if address:
        keys["address"] = f"{PREFIX}:address:{address}"
    return keys


def wait_seconds(user, address: str = "") -> int:
    """0 when a code may be tried now; otherwise the seconds until one may."""
    limits = _limits()
    keys = _keys(user, address)
    entries = cache.get_many(list(keys.values()))
    now = time.time()
    longest = 0
    for scope, key in keys.items():
        count, ends = entries.get(key) or (0, now)
        if count >= limits[scope][0] and ends > now:
            longest = max(longest, int(ends - now) + 1)
    return longest


def record_failure(user, address: str = "") -> None:
    limits = _limits()
    now = time.time()
    for scope, key in _keys(user, address).items():
        count, ends = cache.get(key) or (0, now + limits[scope][1])
        if ends <= now:
            count, ends = 0, now + limits[scope][1]
        cache.set(key, (count + 1, ends), timeout=max(int(ends - now), 1))
