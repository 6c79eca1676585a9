"""The import writes in bulk: 50 applications cost the queries 5 do."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kopiena.casework.importing import run_import
from kopiena.grants.models import Application, BudgetLine, Organisation

from .test_atomic import applications_csv

pytestmark = pytest.mark.django_db


def _queries(call, officer, count, dry_run):
    data = applications_csv(call, count)
    with CaptureQueriesContext(connection) as ctx:
        result = run_import(
            "applications", data, user=officer, file_name=f"{count}.csv", dry_run=dry_run
        )
    assert not result.has_errors
    Application.objects.all().delete()
    return len(ctx.captured_queries)


@pytest.mark.parametrize("dry_run", [True, False], ids=["dry-run", "import"])
def test_forty_applications_cost_what_five_do(call, organisations, officer, dry_run):
    """40, not 50: SQLite takes at most 999 parameters a statement, so Django splits a bulk
    insert of applications (21 columns) into batches of 47 rows there."""
    ContentType.objects.get_for_model(Application)  # the cache is warm in a running site
    five = _queries(call, officer, 5, dry_run)
    forty = _queries(call, officer, 40, dry_run)

    assert forty == five
    assert five <= 12


@pytest.mark.postgres
def test_fifty_applications_cost_what_five_do_on_postgresql(call, organisations, officer):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL takes a bulk insert of 50 rows in one statement")
    ContentType.objects.get_for_model(Application)
    assert _queries(call, officer, 50, False) == _queries(call, officer, 5, False)


def test_organisation_import_queries_do_not_grow(liepaja, officer, django_assert_max_num_queries):
    head = "Reģistrācijas nr.;Nosaukums;Pašvaldība"
    rows = [f"4000{i:07d};Biedrība {i};Liepāja" for i in range(60)]
    data = ("\n".join([head, *rows]) + "\n").encode()

    with django_assert_max_num_queries(8):
        run_import("organisations", data, user=officer, file_name="o.csv", dry_run=False)

    assert Organisation.objects.count() == 60
    assert BudgetLine.objects.count() == 0
