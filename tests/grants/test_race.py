"""Two or more finance approvals racing for the last of a call's budget: the call's row
lock in ``approve_budget``'s guard queues them, so exactly the approvals that fit succeed
and the call never commits more than its budget less the reserve. PostgreSQL only (SQLite
has no row locks and serialises writers anyway)."""

import threading
import time
from decimal import Decimal

import pytest
from django.db import connection

from casework.roles import Role
from casework.service import perform_transition
from casework.workflow import GuardFailed, TransitionInput
from grants.models import ApplicationStatus, GrantCall
from tests.factories import user_with_role
from tests.factories.grants import ApplicationFactory, GrantCallFactory, OrganisationFactory

pytestmark = [
    pytest.mark.postgres,
    # serialized_rollback: the flush after a transactional test would take the role groups
    # and the Wagtail root page with it; they are restored before each test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (set DATABASE_URL)")


@pytest.fixture
def slow_budget_read(monkeypatch):
    """Widen the race window: pause after reading what the call has left, before the
    approval is written. Without the row lock every racer would read the same total."""
    original = GrantCall.remaining_budget.fget

    def slow(call):
        value = original(call)
        time.sleep(0.3)
        return value

    monkeypatch.setattr(GrantCall, "remaining_budget", property(slow))


def race(applications, users, amount):
    barrier = threading.Barrier(len(applications))
    results = [None] * len(applications)

    def approve(i):
        try:
            barrier.wait(timeout=10)
            perform_transition(
                applications[i], "approve_budget", users[i], TransitionInput(amount=amount)
            )
            results[i] = "approved"
        except GuardFailed as refused:
            results[i] = refused
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(i,)) for i in range(len(applications))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.parametrize("racers", [2, 5])
def test_racing_approvals_never_commit_more_than_the_budget(racers, slow_budget_read):
    # 9 000 − 1 000 reserve = 8 000 left; 4 500 each: exactly one fits.
    call = GrantCallFactory(
        total_budget=Decimal("9000.00"), reserve=Decimal("1000.00"), max_grant=Decimal("5000")
    )
    organisation = OrganisationFactory()
    applications = [
        ApplicationFactory(
            call=call, organisation=organisation, status=ApplicationStatus.RECOMMENDED
        )
        for _ in range(racers)
    ]
    users = [user_with_role(Role.FINANCE, username=f"finanses-{i}") for i in range(racers)]

    results = race(applications, users, Decimal("4500.00"))

    assert results.count("approved") == 1, results
    refusals = [r for r in results if r != "approved"]
    assert all(isinstance(r, GuardFailed) and "amount" in r.errors for r in refusals), results
    call.refresh_from_db()
    assert call.committed_amount == Decimal("4500.00")
    assert call.committed_amount <= call.total_budget - call.reserve
    statuses = sorted(a.__class__.objects.get(pk=a.pk).status for a in applications)
    assert statuses.count(ApplicationStatus.APPROVED) == 1


def test_exactly_the_approvals_that_fit_succeed(slow_budget_read):
    # 10 000 − 2 000 = 8 000 left; six racers of 2 000: four fit, to the cent.
    call = GrantCallFactory(
        total_budget=Decimal("10000.00"), reserve=Decimal("2000.00"), min_grant=Decimal("100")
    )
    organisation = OrganisationFactory()
    applications = [
        ApplicationFactory(
            call=call,
            organisation=organisation,
            status=ApplicationStatus.RECOMMENDED,
            budget=[{"requested": Decimal("2000.00"), "own": Decimal("300.00")}],
        )
        for _ in range(6)
    ]
    finance = user_with_role(Role.FINANCE, username="finanses-visi")

    results = race(applications, [finance] * 6, Decimal("2000.00"))

    assert results.count("approved") == 4, results
    assert all(isinstance(r, GuardFailed) for r in results if r != "approved"), results
    call.refresh_from_db()
    assert call.committed_amount == Decimal("8000.00") == call.total_budget - call.reserve
    assert call.remaining_budget == Decimal("0.00")
