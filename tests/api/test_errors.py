"""The API's document and its one error body: malformed input is a 4xx with
``{"detail", "errors"}``, never a 500; the 500 handler is a logged last resort."""

import json

import pytest
from django.test import Client

from kopiena.casework.api import errors
from kopiena.grants import api as grants_api

pytestmark = pytest.mark.django_db


def test_openapi_document(anon):
    response = Client().get("/api/cases/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Kopiena case API"
    paths = schema["paths"]
    for path in (
        "/api/cases/auth/token",
        "/api/cases/calls",
        "/api/cases/funded-projects",
        "/api/cases/applications",
        "/api/cases/applications/{id}",
        "/api/cases/applications/{id}/transitions",
        "/api/cases/applications/{id}/transitions/{action}",
        "/api/cases/applications/{id}/history",
        "/api/cases/initiatives",
        "/api/cases/initiatives/{id}",
        "/api/cases/initiatives/{id}/transitions",
        "/api/cases/initiatives/{id}/transitions/{action}",
        "/api/cases/initiatives/{id}/history",
    ):
        assert path in paths, path
    operation_ids = [op["operationId"] for ops in paths.values() for op in ops.values()]
    assert len(operation_ids) == len(set(operation_ids))
    for ops in paths.values():
        for operation in ops.values():
            assert "400" in operation["responses"]
            if operation.get("security"):
                assert "401" in operation["responses"]
    for path, ops in paths.items():
        if "{id}" in path:
            for operation in ops.values():
                assert "404" in operation["responses"], path
    assert set(paths["/api/cases/applications/{id}"]["patch"]["responses"]) == {
        "200",
        "400",
        "401",
        "403",
        "404",
        "409",
        "422",
    }


def test_interactive_docs_are_served_from_here(member):
    client = Client()
    client.force_login(member)

    response = client.get("/api/cases/docs")

    assert response.status_code == 200
    page = response.content.decode()
    assert "openapi.json" in page
    assert "/static/ninja/swagger-ui-bundle.js" in page  # no CDN
    assert 'data-api-csrf="true"' in page  # "Try it out" works with the session


def test_an_unknown_path_is_a_json_404(anon):
    response = Client().get("/api/cases/nothing/here")

    assert response.status_code == 404
    assert response.json() == {"detail": response.json()["detail"], "errors": {}}


def test_an_undeclared_method_is_a_json_405(api_as, member):
    response = api_as(member).client.put("/api/cases/calls")

    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert set(response.json()) == {"detail", "errors"}


def test_an_unexpected_error_is_a_logged_json_500(anon, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(grants_api, "paginate", broken)

    response = anon.get("/calls")

    assert response.status_code == 500
    assert set(response.data) == {"detail", "errors"}
    assert "boom" not in response.content.decode()
    assert any(r.name == "kopiena.casework.api" and r.exc_info for r in caplog.records)


@pytest.fixture
def no_500(monkeypatch):
    """Fail the test if anything reaches the last-resort handler."""
    reached = []
    monkeypatch.setattr(errors.logger, "exception", lambda *a, **k: reached.append(a))
    yield
    assert reached == []


MALFORMED_BODIES = [
    "{",
    "[]",
    "null",
    "12",
    '"x"',
    '{"title": null}',
    '{"title": 5}',
    '{"title": "\\u0000"}',
    '{"budget_lines": {"a": 1}}',
    '{"budget_lines": [null]}',
    '{"budget_lines": [{"unit_cost": "1e999999"}]}',
    '{"planned_start": "31.12.2024"}',
    '{"planned_start": "9999-99-99"}',
    '{"target_groups": ["\\u0000"]}',
    '{"call": 99999999999999999999999, "organisation": -1, "title": "x"}',
    '{"amount": "sNaN"}',
    '{"amount": 1e308}',
    '{"comment": ' + json.dumps("ā" * 5000) + "}",
    b"\xff\xfe{",
]


@pytest.mark.parametrize("body", MALFORMED_BODIES)
def test_malformed_bodies_never_reach_the_500_handler(
    api_as, member, officer, application, body, no_500
):
    for user in (member, officer):
        api = api_as(user)
        for method, path in [
            ("post", "/auth/token"),
            ("post", "/applications"),
            ("patch", f"/applications/{application.pk}"),
            ("post", f"/applications/{application.pk}/transitions/submit"),
            ("post", f"/applications/{application.pk}/transitions/request_changes"),
        ]:
            response = getattr(api, method)(path, raw=body)
            assert response.status_code < 500, (method, path, response.content)
            if response.status_code >= 400:
                assert set(response.data) == {"detail", "errors"}


MALFORMED_QUERIES = [
    {"limit": "1e3"},
    {"limit": "99999999999999999999999"},
    {"offset": "99999999999999999999"},
    {"municipality": "\x00"},
    {"municipality": "ā" * 500},
    {"call": "\x00"},
    {"status": ""},
    {"open": "\x00"},
    {"locale": "../../"},
]


@pytest.mark.parametrize("params", MALFORMED_QUERIES)
def test_malformed_query_parameters_are_400(api_as, officer, params, no_500):
    api = api_as(officer)
    for path in ("/calls", "/funded-projects", "/applications"):
        response = api.get(path, **params)
        assert response.status_code in (200, 400), (path, response.content)
        assert response.status_code == 400 or not set(params) & {"limit", "offset"}


@pytest.mark.parametrize(
    "bad_id", ["%00", "1%00", "99999999999999999999", "-1", "0x10", "１２", "1e3", "ā"]
)
def test_malformed_ids_never_reach_the_database(api_as, member, bad_id, no_500):
    api = api_as(member)
    for suffix in ("", "/transitions", "/history"):
        response = api.get(f"/applications/{bad_id}{suffix}")
        assert response.status_code in (400, 404), response.content
        assert set(response.data) == {"detail", "errors"}


@pytest.mark.parametrize(
    "header", ["Bearer \x00", "Bearer " + "ā" * 100, "Bearer wagtail_" + "%" * 40, "Bearer"]
)
def test_malformed_authorization_headers_are_401(header, no_500):
    response = Client().get("/api/cases/applications", headers={"Authorization": header})

    assert response.status_code == 401
