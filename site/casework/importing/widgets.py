"""Cell parsers for what Latvian spreadsheets hold: ``1 234,50`` (decimal comma, space or
non-breaking space between thousands), ``31.12.2024``, ``jā``/``nē``. They are
django-import-export widgets, so the same resources also export; a widget raises
``ValueError`` with a message for the person who filled in the cell."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from import_export import widgets

#: Spaces people and spreadsheets put between thousands: space, no-break, narrow no-break,
#: thin space, and the apostrophe some locales use.
GROUP_SEPARATORS = re.compile(r"[\s\u00a0\u202f\u2009']")
CURRENCY = re.compile(r"(€|EUR|eur|Eur)")


def parse_decimal(value) -> Decimal | None:
    """``1 234,50`` / ``1234.50`` / ``1,234.50`` / a number cell → Decimal; blank → None."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(_("Enter a number, e.g. 1 234,50."))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    text = CURRENCY.sub("", GROUP_SEPARATORS.sub("", str(value)))
    if not text:
        return None
    if "," in text and "." in text:
        # The last one is the decimal mark: 1.234,50 or 1,234.50.
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    if text.count(".") > 1:
        raise ValueError(_("Enter a number, e.g. 1 234,50."))
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("Enter a number, e.g. 1 234,50.")) from None
    if not number.is_finite():
        raise ValueError(_("Enter a number, e.g. 1 234,50."))
    return number


class LatvianDecimalWidget(widgets.DecimalWidget):
    """A number as Latvians write it; ``places`` rounds nothing but refuses more decimals
    (money has cents, no fractions of them)."""

    def __init__(self, places: int | None = None, **kwargs):
        self.places = places
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        number = parse_decimal(value)
        if number is None:
            return None
        if self.places is not None:
            quantum = Decimal(1).scaleb(-self.places)
            if number != number.quantize(quantum):
                if self.places == 2:
                    raise ValueError(_("Amounts have at most two decimal places (cents)."))
                raise ValueError(_("At most %(places)d decimal places.") % {"places": self.places})
            number = number.quantize(quantum)
        return number

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return f"{value:f}".replace(".", ",")


DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y", "%d/%m/%Y", "%d.%m.%Y.")


def parse_date(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    text = text.split(" ")[0] if re.match(r"^\S+ \d{1,2}:\d{2}", text) else text
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(_("Enter a date as DD.MM.YYYY, e.g. 31.12.2024."))


class LatvianDateWidget(widgets.DateWidget):
    """``31.12.2024`` (also ``2024-12-31`` and date cells of XLSX)."""

    def clean(self, value, row=None, **kwargs):
        return parse_date(value)

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%d.%m.%Y") if value else ""


TRUE_WORDS = {"1", "jā", "ja", "j", "yes", "y", "true", "x", "да", "+"}
FALSE_WORDS = {"0", "nē", "ne", "n", "no", "false", "нет", "-"}


class YesNoWidget(widgets.BooleanWidget):
    """``jā``/``nē`` (also yes/no, 1/0, x); blank is ``None`` (not given: a new record
    gets the default, an existing one keeps its value)."""

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return None
        if isinstance(value, bool | int | float):
            return bool(value)
        text = str(value).strip().lower()
        if not text:
            return None
        if text in TRUE_WORDS:
            return True
        if text in FALSE_WORDS:
            return False
        raise ValueError(_("Enter “jā” or “nē”."))

    def render(self, value, obj=None, **kwargs):
        return "jā" if value else "nē"


class TextWidget(widgets.CharWidget):
    """Trimmed text; a number cell of XLSX becomes its plain digits (``40008012345``, not
    ``40008012345.0``)."""

    def __init__(self, max_length: int | None = None, **kwargs):
        self.max_length = max_length
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, dt.datetime | dt.date):
            value = value.strftime("%d.%m.%Y")
        text = " ".join(str(value).replace("\u00a0", " ").split())
        if self.max_length and len(text) > self.max_length:
            raise ValueError(
                _("At most %(max)d characters (this has %(length)d).")
                % {"max": self.max_length, "length": len(text)}
            )
        return text


class MultilineTextWidget(TextWidget):
    """Text whose line breaks matter (summaries, goals): trimmed, lines kept."""

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        return "\n".join(line.strip() for line in str(value).strip().splitlines())


class ChoiceWidget(widgets.Widget):
    """A value of a ``TextChoices``, given as the stored value or its label in Latvian or
    English, in any case."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        self._lookups: dict[str, dict[str, str]] = {}
        super().__init__(**kwargs)

    def lookup(self) -> dict[str, str]:
        """Built once per active language (labels are translated), not once per cell."""
        from django.utils.translation import get_language

        from .resources import choice_lookup

        language = get_language() or ""
        if language not in self._lookups:
            self._lookups[language] = choice_lookup(self.choices)
        return self._lookups[language]

    def clean(self, value, row=None, **kwargs):
        from .resources import normalise_header, unknown_choice_message

        if value is None or str(value).strip() == "":
            return None
        found = self.lookup().get(normalise_header(value))
        if found is None:
            raise ValueError(unknown_choice_message(value, self.choices))
        return found

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, value or ""))
