"""Texts in Latvian with optional Russian and English variants (``name``, ``name_ru``,
``name_en``): what a person reads is the variant of the active language, else Latvian."""

from __future__ import annotations

from django.utils import translation

OTHER_LANGUAGES = ("ru", "en")


def translated(obj, field: str, language: str | None = None) -> str:
    language = (language or translation.get_language() or "lv")[:2]
    if language in OTHER_LANGUAGES:
        value = getattr(obj, f"{field}_{language}", "")
        if value:
            return value
    return getattr(obj, field)


def translated_dict(data: dict, field: str, language: str | None = None) -> str:
    """:func:`translated` for a dict (a ``values()`` row or an entry document)."""
    language = (language or translation.get_language() or "lv")[:2]
    if language in OTHER_LANGUAGES and data.get(f"{field}_{language}"):
        return data[f"{field}_{language}"]
    return data.get(field) or ""


__all__ = ["OTHER_LANGUAGES", "translated", "translated_dict"]
