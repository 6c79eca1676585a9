"""Taking an action through the case API reads the case once for the caller's 404 check
and once, locked, in the transition service; the answer is that same case, not read a third
time through the visibility filter."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kopiena.grants.models import Application, ApplicationStatus
from tests.factories.grants import ApplicationFactory, BudgetLineFactory

pytestmark = pytest.mark.django_db

S = ApplicationStatus


def case_reads(queries, table):
    """The SELECTs whose main table is ``table`` (not the ones that only join it)."""
    pattern = re.compile(rf'^SELECT .* FROM "?{table}"?(\s|$)', re.DOTALL)
    return [q["sql"] for q in queries.captured_queries if pattern.match(q["sql"])]


def test_a_transition_reads_the_application_no_more_than_it_must(api_as, member, application):
    api = api_as(member)
    api.get(f"/applications/{application.pk}")  # the token's first use is not counted

    with CaptureQueriesContext(connection) as queries:
        response = api.post(f"/applications/{application.pk}/transitions/submit")

    assert response.status_code == 200, response.data
    assert response.data["status"] == "submitted"
    reads = case_reads(queries, Application._meta.db_table)
    # the caller's 404 check; in the service the locked read, the one of the save and the
    # refresh of the caller's copy, which is the answer
    assert len(reads) <= 4, "\n".join(reads)
    print(f"\ncase API submit: {len(queries)} queries, {len(reads)} reads of the application")


def test_the_answer_is_the_case_as_read_afterwards(api_as, finance, call, organisation):
    application = ApplicationFactory(call=call, organisation=organisation, status=S.RECOMMENDED)
    BudgetLineFactory(application=application)
    api = api_as(finance)

    response = api.post(
        f"/applications/{application.pk}/transitions/approve_budget",
        {
            "amount": "1000.00",
            "decision_reference": "Domes lēmums Nr. 7",
            "decision_date": "2026-03-05",
        },
    )

    assert response.status_code == 200, response.data
    assert response.data["status"] == "approved"
    assert response.data == api.get(f"/applications/{application.pk}").data
