"""Money and shares as a person reads them: ``1 234,50 €`` in Latvian (and Russian),
``€1,234.50`` in English; ``90 %`` for a rate of 0.90. Amounts are ``Decimal`` EUR."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language

CENT = Decimal("0.01")
NBSP = "\u00a0"


def format_eur(amount) -> str:
    if amount is None:
        return ""
    amount = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    grouped = f"{int(whole):,}"
    if (get_language() or "lv").startswith("en"):
        return f"{sign}€{grouped}.{cents}"
    return f"{sign}{grouped.replace(',', NBSP)},{cents}{NBSP}€"


def format_percent(rate) -> str:
    """0.9 → ``90 %``, 0.055 → ``5,5 %`` (``5.5 %`` in English)."""
    if rate is None:
        return ""
    text = f"{Decimal(rate) * 100:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if not (get_language() or "lv").startswith("en"):
        text = text.replace(".", ",")
    return f"{text}{NBSP}%"
