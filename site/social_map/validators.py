"""Field validators of the social map: coordinates inside Latvia, Latvian phone numbers,
postal codes, web addresses people can open, days of the week. The model fields, the entry
form, the import and the HSDS import all use these, so every door refuses the same input
with the same words."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

#: Latvia's extent with a margin of a few kilometres (WGS84 degrees).
LAT_MIN, LAT_MAX = Decimal("55.60"), Decimal("58.10")
LON_MIN, LON_MAX = Decimal("20.90"), Decimal("28.30")

PHONE_RE = re.compile(r"^(?:\+371)?([2-9]\d{7})$")
INTERNATIONAL_RE = re.compile(r"^\+(?!371)[1-9]\d{6,14}$")
POSTAL_CODE_RE = re.compile(r"^LV-\d{4}$")
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            _("Enter a number of degrees, e.g. 56.5123."), code="invalid"
        ) from None


def validate_latitude(value) -> None:
    number = _decimal(value)
    if number is not None and not LAT_MIN <= number <= LAT_MAX:
        raise ValidationError(
            _("The latitude %(value)s is outside Latvia (%(min)s–%(max)s° N)."),
            code="outside_latvia",
            params={"value": value, "min": LAT_MIN, "max": LAT_MAX},
        )


def validate_longitude(value) -> None:
    number = _decimal(value)
    if number is not None and not LON_MIN <= number <= LON_MAX:
        raise ValidationError(
            _("The longitude %(value)s is outside Latvia (%(min)s–%(max)s° E)."),
            code="outside_latvia",
            params={"value": value, "min": LON_MIN, "max": LON_MAX},
        )


def normalise_phone(value: str) -> str:
    """``2000 0000``, ``+371 20-000-000`` → ``+371 20000000``; a foreign number keeps its
    country code. Raises ``ValidationError`` for anything else."""
    text = re.sub(r"[\s\-().]", "", str(value or ""))
    if text.startswith("00"):
        text = "+" + text[2:]
    match = PHONE_RE.match(text)
    if match:
        return f"+371 {match.group(1)}"
    if INTERNATIONAL_RE.match(text):
        return text
    raise ValidationError(
        _("“%(value)s” is not a phone number; write 8 digits, e.g. 20 000 000, or +371 …."),
        code="invalid_phone",
        params={"value": value},
    )


def validate_phone(value) -> None:
    normalise_phone(value)


def validate_postal_code(value) -> None:
    if value and not POSTAL_CODE_RE.match(value):
        raise ValidationError(_("Write the postal code as LV-1234."), code="invalid_postal_code")


class WebURLValidator(URLValidator):
    """Only addresses a browser opens: http and https."""

    schemes = ["http", "https"]
    message = _("Enter a web address that starts with http:// or https://.")


validate_web_url = WebURLValidator()


def validate_byday(value) -> None:
    days = [d for d in (value or "").split(",") if d]
    if not days or any(d not in DAY_CODES for d in days) or len(set(days)) != len(days):
        raise ValidationError(_("Choose the days of the week."), code="invalid_days")
