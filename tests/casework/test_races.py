"""Races on PostgreSQL, each racer a thread with its own connection, as two requests are:

* many people taking the same action on one case at once: the service's row lock queues
  them, the first one wins and every other one is refused cleanly (``NotPossible``, the
  409 of the API) — never a database error — and the history has one entry;
* finance approvals racing for what is left of a call: the call's row lock in
  ``approve_budget``'s guard queues them, so exactly the approvals that fit succeed, the
  others get the guard's message, and the committed total never exceeds the budget less
  the reserve, not even for a moment.

PostgreSQL only: SQLite has no row locks and serialises writers anyway."""

import threading
import time
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import translation
from wagtail.models import ModelLogEntry

from kopiena.casework import audit
from kopiena.casework.roles import Role
from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import GuardFailed, NotPossible, TransitionInput
from kopiena.grants.models import Application, ApplicationStatus, GrantCall
from kopiena.grants.money import format_eur
from tests.factories import user_with_role
from tests.factories.grants import (
    ApplicationFactory,
    GrantCallFactory,
    OrganisationFactory,
    ReviewAssignmentFactory,
    member_of,
)

pytestmark = [
    pytest.mark.postgres,
    # Decided before the database is set up, so SQLite does not pay for the flush.
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks (set DATABASE_URL)"
    ),
    # Transactional: each thread commits on its own connection. The migrated rows (role
    # groups, the Wagtail root page) are put back before each test (tests/conftest.py).
    pytest.mark.django_db(transaction=True),
]

RACERS = 20


def race(count, take):
    """Run ``take(i)`` in ``count`` threads released together; return what each returned
    or raised. Every thread closes its own connection."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(i):
        try:
            barrier.wait(timeout=20)
            results[i] = take(i)
        except Exception as error:  # noqa: BLE001 - reported by the assertions
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a racer hung"
    return results


def transition_entries(application):
    return list(
        ModelLogEntry.objects.filter(object_id=str(application.pk), action=audit.TRANSITION)
    )


# --- the same action, twenty times at once ----------------------------------------------


@pytest.fixture
def draft():
    organisation = OrganisationFactory()
    member = member_of(organisation, username="biedrs-sacikste")
    application = ApplicationFactory(organisation=organisation, created_by=member)
    return application, member, "submit", ApplicationStatus.SUBMITTED


@pytest.fixture
def submitted():
    application = ApplicationFactory(status=ApplicationStatus.SUBMITTED)
    ReviewAssignmentFactory(application=application)
    ReviewAssignmentFactory(application=application)
    officer = user_with_role(Role.GRANT_OFFICERS, username="koordinators-sacikste")
    return application, officer, "start_review", ApplicationStatus.IN_REVIEW


@pytest.mark.parametrize("setup", ["draft", "submitted"])
def test_one_of_twenty_identical_transitions_succeeds(request, setup):
    application, user, action, target = request.getfixturevalue(setup)
    source = application.status
    # Each racer holds its own copy of the case, read before anyone acted, as a form would.
    copies = [Application.objects.get(pk=application.pk) for _ in range(RACERS)]

    results = race(RACERS, lambda i: perform_transition(copies[i], action, user))

    won = [r for r in results if isinstance(r, Application)]
    refused = [r for r in results if isinstance(r, NotPossible)]
    assert len(won) == 1, results
    assert len(refused) == RACERS - 1, [r for r in results if not isinstance(r, NotPossible)]
    assert all(r.status_code == 409 for r in refused)
    assert Application.objects.get(pk=application.pk).status == target
    (entry,) = transition_entries(application)
    assert (entry.data["action"], entry.data["from"], entry.data["to"]) == (action, source, target)


def test_two_heads_approving_one_initiative_at_once_make_one_decision():
    """Twenty approvals by two heads of an initiative without an assigned head: one wins
    and becomes its head; the others are refused cleanly; one entry in the history."""
    from kopiena.community_work.models import Initiative, InitiativeStatus
    from tests.factories import InitiativeFactory, TaskFactory

    heads = [user_with_role(Role.SERVICE_HEADS, username=f"vaditajs-sacikste-{n}") for n in (1, 2)]
    initiative = InitiativeFactory(status=InitiativeStatus.AWAITING_APPROVAL, head=None)
    TaskFactory(initiative=initiative)
    copies = [Initiative.objects.get(pk=initiative.pk) for _ in range(RACERS)]

    results = race(RACERS, lambda i: perform_transition(copies[i], "approve", heads[i % 2]))

    won = [i for i, r in enumerate(results) if isinstance(r, Initiative)]
    refused = [r for r in results if isinstance(r, NotPossible)]
    assert len(won) == 1, results
    assert len(refused) == RACERS - 1, [r for r in results if not isinstance(r, NotPossible)]
    stored = Initiative.objects.get(pk=initiative.pk)
    assert stored.status == InitiativeStatus.APPROVED
    assert stored.head == heads[won[0] % 2]
    (entry,) = transition_entries(initiative)
    assert entry.user == heads[won[0] % 2]


# --- finance approvals racing for the call's budget ---------------------------------------


@pytest.fixture
def slow_budget_read(monkeypatch):
    """Widen the race window: pause after reading what the call has left, before the
    approval is written. Without the row lock every racer would read the same total."""
    original = GrantCall.remaining_budget.fget

    def slow(call):
        value = original(call)
        time.sleep(0.2)
        return value

    monkeypatch.setattr(GrantCall, "remaining_budget", property(slow))


class CommittedWatcher(threading.Thread):
    """Reads the call's committed total over and over, on its own connection, while the
    racers run; keeps the largest total it saw."""

    def __init__(self, call):
        super().__init__()
        self.call_pk = call.pk
        self.highest = Decimal("0")
        self.readings = 0
        self.stop = threading.Event()

    def run(self):
        try:
            while not self.stop.is_set():
                committed = GrantCall.objects.get(pk=self.call_pk).committed_amount
                self.highest = max(self.highest, committed)
                self.readings += 1
                time.sleep(0.01)
        finally:
            connection.close()


def recommended_applications(call, count, requested):
    organisation = OrganisationFactory()
    return [
        ApplicationFactory(
            call=call,
            organisation=organisation,
            status=ApplicationStatus.RECOMMENDED,
            budget=[{"requested": requested, "own": Decimal("300.00")}],
        )
        for _ in range(count)
    ]


def approve_all(applications, users, amount):
    return race(
        len(applications),
        lambda i: perform_transition(
            applications[i], "approve_budget", users[i], TransitionInput(amount=amount)
        ),
    )


def test_twenty_approvals_for_room_of_five(slow_budget_read):
    # 12 000 − 2 000 reserve = 10 000 left; twenty racers of 2 000: five fit, to the cent.
    call = GrantCallFactory(
        total_budget=Decimal("12000.00"), reserve=Decimal("2000.00"), min_grant=Decimal("100")
    )
    applications = recommended_applications(call, RACERS, Decimal("2000.00"))
    finance = [user_with_role(Role.FINANCE, username=f"finanses-{i}") for i in range(4)]
    watcher = CommittedWatcher(call)
    watcher.start()
    try:
        results = approve_all(applications, [finance[i % 4] for i in range(RACERS)], "2000.00")
    finally:
        watcher.stop.set()
        watcher.join()

    approved = [r for r in results if isinstance(r, Application)]
    refused = [r for r in results if isinstance(r, GuardFailed)]
    assert len(approved) == 5, results
    assert len(refused) == RACERS - 5, results
    # The guard's message, in the racers' language (the default, Latvian): nothing left
    # of the budget.
    with translation.override("lv"):
        zero, budget = format_eur(0), format_eur(call.total_budget)
    for refusal in refused:
        (message,) = refusal.errors["amount"]
        assert zero in message and budget in message, message
    call.refresh_from_db()
    assert call.committed_amount == Decimal("10000.00") == call.available_budget
    assert call.remaining_budget == Decimal("0.00")
    assert watcher.readings > 0
    assert watcher.highest <= call.available_budget
    statuses = list(
        Application.objects.filter(call=call).values_list("status", flat=True).order_by("status")
    )
    assert statuses.count(ApplicationStatus.APPROVED) == 5
    assert statuses.count(ApplicationStatus.RECOMMENDED) == RACERS - 5
    assert sum(len(transition_entries(a)) for a in applications) == 5


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

    results = approve_all(applications, users, Decimal("4500.00"))

    assert sum(isinstance(r, Application) for r in results) == 1, results
    refusals = [r for r in results if not isinstance(r, Application)]
    assert all(isinstance(r, GuardFailed) and "amount" in r.errors for r in refusals), results
    call.refresh_from_db()
    assert call.committed_amount == Decimal("4500.00")
    assert call.committed_amount <= call.available_budget
    statuses = [Application.objects.get(pk=a.pk).status for a in applications]
    assert statuses.count(ApplicationStatus.APPROVED) == 1
