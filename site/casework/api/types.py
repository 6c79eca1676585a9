"""Bounded input types for the case API's schemas.

Each bound keeps a value the database cannot hold from ever reaching a query (where it
would be a 500, not a 400/422): ids fit a signed 64-bit integer (SQLite refuses anything
larger), text has no NUL character (PostgreSQL refuses it) and a length no longer than its
column, money has the column's digits. The bounds are in the OpenAPI document, so clients
(and schemathesis) see them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field, WithJsonSchema

#: The largest value of a signed 64-bit integer column.
MAX_ID = 2**63 - 1
#: Offsets beyond this are certainly past the end of any list here.
MAX_OFFSET = 10**9


#: In the OpenAPI document: any characters but NUL (the validator below says it in words).
NO_NUL_PATTERN = r"^[^\x00]*$"


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("Null characters are not allowed.")
    return value


def text(max_length: int, *, min_length: int = 0, description: str | None = None):
    """A string of at most ``max_length`` characters without NUL characters."""
    return Annotated[
        str,
        Field(
            min_length=min_length,
            max_length=max_length,
            description=description,
            pattern=NO_NUL_PATTERN,
        ),
        AfterValidator(_no_nul),
    ]


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Slug = Annotated[str, Field(min_length=1, max_length=120, pattern=r"^[-a-zA-Z0-9_]+$")]
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET)]


def money(*, gt: Decimal | None = None, ge: Decimal | None = Decimal("0"), max_digits: int = 12):
    """EUR with cents: at most ``max_digits`` digits, two of them after the point.

    The server also takes a JSON number, but the OpenAPI document describes the one form
    whose every instance it accepts: a decimal string (``"1250.00"``), never empty, with the
    column's digits — so a schema-valid request is never refused as malformed.
    """
    whole = max_digits - 2
    pattern = rf"^[0-9]{{1,{whole}}}(\.[0-9]{{1,2}})?$"
    if gt is not None and gt >= 0:
        pattern = r"^(?!0*(\.0*)?$)" + pattern[1:]  # more than zero
    return Annotated[
        Decimal,
        Field(max_digits=max_digits, decimal_places=2, gt=gt, ge=ge, allow_inf_nan=False),
        WithJsonSchema(
            {"type": "string", "pattern": pattern, "minLength": 1, "examples": ["1250.00"]},
            mode="validation",
        ),
    ]


Money = money()
