"""The case API's OpenAPI document says what the server accepts: schemathesis generates
requests the document allows (positive mode) for every operation, and the server must
neither fail (5xx) nor refuse one of them as malformed — 400, or 422 from the request
validation itself (pydantic's words), as an adversarial test found for empty money
strings, NUL characters and a ``null`` transition body. A 422 for a business rule (an
amount over what the call has left, an input an action needs) stays allowed."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from tests.api.conftest import token_for
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

EXAMPLES = 25
ACTIONS = ["submit", "withdraw", "request_changes", "start_review", "approve_budget", "approve"]
#: How pydantic words a refusal of the request's shape (the server's own rules speak
#: Latvian, English or Russian sentences of their own).
SHAPE_WORDS = (
    "Input should",
    "String should",
    "Value error",
    "Field required",
    "Decimal input",
    "Extra inputs",
    "List should",
    "Value should",
    "Null characters",
)


class RefusedValidRequest(AssertionError):
    pass


def refused_as_malformed(ctx, response, case):
    """A request the document allows was refused for its shape."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return None
    if response.status_code == 400:
        raise RefusedValidRequest(f"400 for a schema-valid request: {response.text[:300]}")
    if response.status_code == 422:
        errors = response.json().get("errors", {})
        shape = [m for ms in errors.values() for m in ms if str(m).startswith(SHAPE_WORDS)]
        if shape:
            raise RefusedValidRequest(f"422 for a schema-valid request: {shape}")
    return None


@pytest.fixture
def schema():
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/cases/openapi.json", get_wsgi_application())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_the_document_states_the_constraints(client):
    document = client.get("/api/cases/openapi.json").json()
    components = document["components"]["schemas"]
    budget_line = components["BudgetLineIn"]["properties"]
    assert budget_line["requested"]["minLength"] == 1 and budget_line["requested"]["pattern"]
    assert budget_line["description"]["pattern"] == "^[^\\x00]*$"
    transition = document["paths"]["/api/cases/applications/{id}/transitions/{action}"]["post"]
    assert transition["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ApplicationTransitionIn"
    }


@pytest.mark.parametrize("body", [None, "null"], ids=["no-body", "null-body"])
def test_a_transition_body_is_left_out_or_an_object(client, application, member, body):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token_for(member)}"}
    url = f"/api/cases/applications/{application.pk}/transitions/withdraw"
    if body is None:
        response = client.generic("POST", url, b"", **headers)
        assert response.status_code < 400 or response.status_code in (409, 422), response.content
    else:
        response = client.post(url, body, content_type="application/json", **headers)
        assert response.status_code == 400  # malformed, and the document now says so


def test_schemathesis_finds_no_valid_request_refused(
    schema, application, other_application, member, social_worker
):
    initiative = InitiativeFactory(social_worker=social_worker)
    callers = {
        "/applications": token_for(member),
        "/initiatives": token_for(social_worker),
        "/auth/": token_for(member),
        "/calls": None,
        "/funded-projects": None,
    }
    ids = {"applications": application.pk, "initiatives": initiative.pk}
    refs = {
        "call": application.call_id,
        "organisation": application.organisation_id,
        "community": initiative.community_id,
    }
    sent = {"requests": 0}
    for result in schema.get_all_operations():
        operation = result.ok()
        path = operation.path.removeprefix("/api/cases")
        if operation.method.upper() == "DELETE":
            continue  # revoking the caller's token would end the run
        token = next((t for prefix, t in callers.items() if path.startswith(prefix)), None)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        _fuzz(operation, path, headers, ids, refs, sent)
    assert sent["requests"] > 200


def _fuzz(operation, path, headers, ids, refs, sent):
    @given(
        case=operation.as_strategy(generation_mode=schemathesis.GenerationMode.POSITIVE),
        real=st.booleans(),
        action=st.sampled_from(ACTIONS),
    )
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case, real, action):
        parameters = case.path_parameters or {}
        if real and "id" in parameters:
            parameters["id"] = ids["initiatives" if "initiatives" in path else "applications"]
            if "action" in parameters:
                parameters["action"] = action
        if real and isinstance(case.body, dict):
            for key, value in refs.items():
                if isinstance(case.body.get(key), int):
                    case.body[key] = value
        response = case.call(headers=headers)
        sent["requests"] += 1
        case.validate_response(response, checks=[not_a_server_error, refused_as_malformed])

    run()
