"""Validators for the identifiers an organisation gives: its registration number in the
Register of Enterprises and its Latvian IBAN.

Messages are field-level and say what is wrong, so an NGO member filling in the portal form
knows what to fix. ``normalise_iban`` is applied by :class:`grants.fields.IBANField` before
the value is validated and saved, so people may type the IBAN with spaces as banks print it.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kopiena.casework.identifiers import normalize_compact

REGISTRATION_NUMBER_RE = re.compile(r"^[0-9]{11}$")
LV_IBAN_LENGTH = 21
LV_IBAN_RE = re.compile(r"^LV[0-9]{2}[A-Z]{4}[A-Z0-9]{13}$")


def validate_registration_number(value: str) -> None:
    """Exactly 11 digits, as the Register of Enterprises issues them (e.g. 40008012345)."""
    if not REGISTRATION_NUMBER_RE.match(value or ""):
        raise ValidationError(
            _("The registration number has exactly 11 digits, e.g. 40008012345."),
            code="invalid_registration_number",
        )


def normalise_iban(value: str | None) -> str:
    """NFKC, spaces removed, letters in upper case: ``lv80 bank 0000 …`` →
    ``LV80BANK0000…`` (full-width letters and digits become ASCII)."""
    return normalize_compact(value).upper()


def normalise_registration_number(value: str | None) -> str:
    """NFKC and spaces removed: ``４０００８３４００１７`` and ``40008 340017`` are
    ``40008340017``, so the uniqueness check sees one number."""
    return normalize_compact(value)


def iban_mod97(iban: str) -> int:
    """ISO 13616 / ISO 7064 mod 97-10 of an IBAN (1 when the check digits are right)."""
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(digits) % 97


def validate_lv_iban(value: str) -> None:
    """A Latvian IBAN: ``LV``, 2 check digits, a 4-letter bank code and 13 letters or digits
    (21 characters), with correct ISO 13616 check digits."""
    iban = normalise_iban(value)
    if not iban.startswith("LV"):
        raise ValidationError(
            _("Enter a Latvian IBAN: it starts with “LV”, e.g. LV80 BANK 0000 4351 9500 1."),
            code="iban_country",
        )
    if len(iban) != LV_IBAN_LENGTH:
        raise ValidationError(
            _("A Latvian IBAN has 21 characters without spaces; this one has %(length)d.")
            % {"length": len(iban)},
            code="iban_length",
        )
    if not LV_IBAN_RE.match(iban):
        raise ValidationError(
            _(
                "After “LV” an IBAN has 2 check digits, a 4-letter bank code and 13 letters "
                "or digits."
            ),
            code="iban_format",
        )
    if iban_mod97(iban) != 1:
        raise ValidationError(
            _("The IBAN check digits do not match: check the number for a typo."),
            code="iban_checksum",
        )


def lv_iban(bank_code: str, account: str) -> str:
    """Build a valid Latvian IBAN from a bank code and a 13-character account number
    (the demo data and the test factories use it)."""
    bban = normalise_iban(bank_code + account)
    if len(bban) != LV_IBAN_LENGTH - 4:
        raise ValueError("a Latvian BBAN has 4 + 13 characters")
    check = 98 - iban_mod97(f"LV00{bban}")
    return f"LV{check:02d}{bban}"
