"""Lists cost the same number of queries whatever the page size: 5 rows and 50 rows are
measured for every list, as NGO member and as staff."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kopiena.grants.models import Application, ApplicationStatus
from tests.factories.grants import ApplicationFactory, GrantCallFactory

pytestmark = pytest.mark.django_db

#: The most any list may cost: auth (token, its last use, the roles), count, rows,
#: and the prefetches of the rows.
MAX_QUERIES = 8


def _count(api, path, **params):
    with CaptureQueriesContext(connection) as queries:
        response = api.get(path, **params)
    assert response.status_code == 200, response.data
    return len(queries), len(response.data["items"])


def _rows(call, organisation, n):
    for _ in range(n):
        ApplicationFactory(
            call=call,
            organisation=organisation,
            status=ApplicationStatus.COMPLETED,
            budget=[{"requested": "900.00", "own": "100.00"}],
        )
    Application.objects.update(approved_amount="900.00")


@pytest.mark.parametrize("role", ["member", "officer"])
def test_applications_list(
    request, api_as, call, organisation, member, role, django_assert_max_num_queries
):
    api = api_as(request.getfixturevalue(role))
    api.get("/applications")  # the token's first use is recorded once

    _rows(call, organisation, 5)
    small, small_rows = _count(api, "/applications", limit=100)
    _rows(call, organisation, 45)
    with django_assert_max_num_queries(MAX_QUERIES):
        large, large_rows = _count(api, "/applications", limit=100)

    assert (small_rows, large_rows) == (5, 50)
    assert small == large
    print(f"/applications as {role}: {small} queries for 5 rows, {large} for 50")


@pytest.mark.parametrize("path", ["/funded-projects", "/calls"])
def test_public_lists(anon, call, organisation, path, django_assert_max_num_queries):
    def grow(n):
        for _ in range(n):
            GrantCallFactory()
        _rows(call, organisation, n)

    grow(4)  # with ``call``: 5 calls, 4 projects
    anon.get(path)  # Wagtail caches the sites' root paths on first use
    small, _ = _count(anon, path, limit=100)
    grow(45)
    with django_assert_max_num_queries(MAX_QUERIES):
        large, rows = _count(anon, path, limit=100)

    assert rows >= 49
    assert small == large
    print(f"{path}: {small} queries for 5 rows, {large} for 50")


@pytest.mark.parametrize("role", ["social_worker", "service_head"])
def test_initiatives_list(request, api_as, role, django_assert_max_num_queries):
    from tests.factories import InitiativeFactory

    api = api_as(request.getfixturevalue(role))
    api.get("/initiatives")

    for _ in range(5):
        InitiativeFactory()
    small, small_rows = _count(api, "/initiatives", limit=100)
    for _ in range(45):
        InitiativeFactory()
    with django_assert_max_num_queries(MAX_QUERIES):
        large, large_rows = _count(api, "/initiatives", limit=100)

    assert (small_rows, large_rows) == (5, 50)
    assert small == large
    print(f"/initiatives as {role}: {small} queries for 5 rows, {large} for 50")


def test_application_detail_is_bounded_too(api_as, member, call, organisation):
    application = ApplicationFactory(
        call=call,
        organisation=organisation,
        budget=[{"requested": "90.00", "own": "10.00"} for _ in range(40)],
    )
    api = api_as(member)
    api.get("/applications")

    with CaptureQueriesContext(connection) as queries:
        response = api.get(f"/applications/{application.pk}")

    assert response.status_code == 200 and len(response.data["budget_lines"]) == 40
    assert len(queries) <= MAX_QUERIES
