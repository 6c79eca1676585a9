"""Limit/offset pages: ``?limit=20&offset=40`` → ``{"count", "limit", "offset", "items"}``.

Two queries per page whatever its size — the count and the rows — provided the queryset
carries its ``select_related`` / ``prefetch_related`` (the domain querysets' ``for_listing``).
A limit above :data:`MAX_LIMIT` is refused (400), not silently cut, so a client never
mistakes a short page for the end of the list.
"""

from __future__ import annotations

from typing import Annotated

from ninja import Schema
from pydantic import Field

from .types import Offset

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


class PageParams(Schema):
    limit: Annotated[int, Field(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT
    offset: Offset = 0


class PageOut(Schema):
    """Base of every list answer; subclasses declare ``items``."""

    count: int = Field(description="Rows matching the filters, on every page.")
    limit: int
    offset: int


def paginate(queryset, params: PageParams) -> dict:
    count = queryset.count()
    items = list(queryset[params.offset : params.offset + params.limit]) if count else []
    return {"count": count, "limit": params.limit, "offset": params.offset, "items": items}
