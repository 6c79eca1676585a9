"""One spelling for each identifier a person types, applied before validation and before
any uniqueness check or look-up: Unicode NFKC (full-width ``４０００…`` is ``4000…``, a
ligature is its letters), surrounding white space stripped.

Used by the grants' registration-number and IBAN fields, the portal's sign-up, log-in and
invitation look-ups and the user names Kopiena creates (ASVS 5.1.4: input is canonicalised
before it is validated).
"""

from __future__ import annotations

import unicodedata


def canonical(value) -> str:
    """NFKC, surrounding white space removed; ``None`` is ``""``."""
    if value is None:
        return ""
    return unicodedata.normalize("NFKC", str(value)).strip()


def normalize_compact(value) -> str:
    """Canonical with every inner space removed too (registration numbers, IBANs)."""
    return "".join(canonical(value).split())


def normalize_email(value) -> str:
    """Canonical, the domain in lower case (the local part is the mailbox's own business,
    but look-ups compare it case-insensitively)."""
    email = canonical(value)
    local, sep, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}" if sep else email


def normalize_username(value) -> str:
    """Canonical and in lower case: the portal's user names are e-mail addresses."""
    return canonical(value).lower()
