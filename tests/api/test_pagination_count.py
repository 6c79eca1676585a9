"""The list's ``count`` stays exact while the ``COUNT`` query runs only when the page cannot
tell it: a short last page counts itself."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.grants import ApplicationFactory

pytestmark = pytest.mark.django_db


def count_queries(queries):
    """The queries that count rows (the page query has a COUNT only in a subquery)."""
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(")]


def get(api, **params):
    with CaptureQueriesContext(connection) as queries:
        response = api.get("/applications", **params)
    assert response.status_code == 200, response.data
    return response.data, count_queries(queries)


@pytest.mark.parametrize(
    ("limit", "offset", "rows", "counted"),
    [
        (10, 0, 7, False),  # one short page: it is the whole list
        (3, 6, 1, False),  # the short last page: 6 before it, nothing after
        (3, 0, 3, True),  # a full page: there may be more
        (3, 3, 3, True),
        (7, 0, 7, True),  # full to the last row: it cannot know there is nothing after
        (3, 30, 0, True),  # past the end: how many there are is not on the page
    ],
)
def test_count_is_exact_and_counted_only_when_needed(
    api_as, officer, call, organisation, limit, offset, rows, counted
):
    for _ in range(7):
        ApplicationFactory(call=call, organisation=organisation, budget=[])
    api = api_as(officer)
    api.get("/applications")  # the token's first use is recorded once

    data, counts = get(api, limit=limit, offset=offset)

    assert data["count"] == 7
    assert len(data["items"]) == rows
    assert bool(counts) is counted, counts


def test_an_empty_list_is_one_query_for_the_rows(api_as, member, call):
    api = api_as(member)
    api.get("/applications")

    data, counts = get(api)

    assert data == {"count": 0, "limit": 20, "offset": 0, "items": []}
    assert counts == []
