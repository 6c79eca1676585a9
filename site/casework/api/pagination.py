"""Limit/offset pages: ``?limit=20&offset=40`` → ``{"count", "limit", "offset", "items"}``.

Two queries per page whatever its size — the rows and the count — provided the queryset
carries its ``select_related`` / ``prefetch_related`` (the domain querysets' ``for_listing``).
A page that is not full and not past the end tells its own count (``offset`` + its rows), so
the ``COUNT`` runs only when there may be rows after the page (or the offset is past the
end): an organisation's short list costs one query, the staff's 50 000 applications still
two. The count is always exact — never cached nor estimated — as the schema promises.
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
    items = list(queryset[params.offset : params.offset + params.limit])
    if len(items) < params.limit and (items or params.offset == 0):
        count = params.offset + len(items)  # the last page: nothing after it
    else:
        count = queryset.count()
    return {"count": count, "limit": params.limit, "offset": params.offset, "items": items}
