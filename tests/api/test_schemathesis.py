"""Schemathesis against the API's own OpenAPI document: every operation, with generated
valid and invalid input, as an NGO member, a grant officer and a community social worker —
no 5xx, and every answer (status code, content type, body) as the document declares.

Examples are bounded (``EXAMPLES`` per operation, mode and caller) to keep the whole run
under a minute on SQLite. Generated ids rarely exist, so every case is also sent, half the
time, with the id of a record the caller can see (and a real call, organisation and
community in a body), and an action name drawn from the real ones: that is how creation,
PATCH bodies and transitions reach the code behind the 404 and the lookups.

The app is called through WSGI in the test's own transaction, as Django's test client does
it: ``close_old_connections`` is disconnected meanwhile, or the end of each request would
close the connection in the middle of the test's transaction.
"""

import time

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import InitiativeFactory, TaskFactory

from .conftest import token_for

pytestmark = pytest.mark.django_db

EXAMPLES = 6
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
ACTIONS = [
    "submit",
    "withdraw",
    "request_changes",
    "start_review",
    "reject",
    "approve_budget",
    "start_planning",
    "submit_for_approval",
    "approve",
    "cancel",
]


@pytest.fixture
def wsgi_app():
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def schema(wsgi_app):
    return schemathesis.openapi.from_wsgi("/api/cases/openapi.json", wsgi_app)


@pytest.fixture
def records(application, other_application, social_worker):
    initiative = InitiativeFactory(social_worker=social_worker)
    TaskFactory(initiative=initiative)
    return {
        "applications": application.pk,
        "initiatives": initiative.pk,
        "call": application.call_id,
        "organisation": application.organisation_id,
        "community": initiative.community_id,
    }


def _operations(schema):
    operations = [result.ok() for result in schema.get_all_operations()]
    # auth 2, public 2, applications 7, initiatives 7, social map 8 (GeoJSON and HSDS),
    # participatory budget 4
    assert len(operations) == 30
    return operations


def _fuzz(operation, headers_for, records, stats):
    """Run ``operation`` with generated cases, positive and negative."""
    cases = st.one_of(
        operation.as_strategy(generation_mode=schemathesis.GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=schemathesis.GenerationMode.NEGATIVE),
    )

    @given(case=cases, real_id=st.booleans(), action=st.sampled_from(ACTIONS))
    @settings(
        max_examples=EXAMPLES * 2,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case, real_id, action):
        parameters = case.path_parameters or {}
        if real_id and "id" in parameters:
            parameters["id"] = records[
                "initiatives" if "initiatives" in case.path else "applications"
            ]
            if "action" in parameters:
                parameters["action"] = action
        if real_id and isinstance(case.body, dict):
            for key in ("call", "organisation", "community"):
                if isinstance(case.body.get(key), int):
                    case.body[key] = records[key]
        response = case.call(headers=headers_for(operation))
        stats["requests"] += 1
        case.validate_response(response, checks=CHECKS)

    run()


#: Which operations each caller fuzzes: the public ones and the token exchange once; the
#: applications as an NGO member and a grant officer; the initiatives as a community social
#: worker and as an NGO member (who must find none of them).
PLAN = {
    "member": (
        "/auth/",
        "/calls",
        "/funded-projects",
        "/applications",
        "/initiatives",
        "/participation/",
    ),
    "officer": ("/applications",),
    "social_worker": ("/initiatives",),
}


@pytest.mark.parametrize("caller", list(PLAN))
def test_schemathesis_finds_nothing(request, schema, records, caller):
    user = request.getfixturevalue(caller)
    token = token_for(user)

    def headers_for(operation):
        if operation.method.upper() == "DELETE" and operation.path.endswith("/auth/token"):
            return {"Authorization": f"Bearer {token_for(user)}"}  # revoke a throwaway one
        return {"Authorization": f"Bearer {token}"}

    operations = [
        op
        for op in _operations(schema)
        if any(op.path.startswith("/api/cases" + prefix) for prefix in PLAN[caller])
    ]
    stats = {"requests": 0}
    started = time.monotonic()
    for operation in operations:
        _fuzz(operation, headers_for, records, stats)
    elapsed = time.monotonic() - started
    print(
        f"schemathesis as {caller}: {len(operations)} operations, "
        f"{stats['requests']} requests in {elapsed:.1f} s"
    )
    assert stats["requests"] == len(operations) * EXAMPLES * 2
