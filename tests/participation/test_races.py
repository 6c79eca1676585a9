"""Concurrent ballots of the same person leave exactly one (PostgreSQL: each racer a thread
with its own connection, as two requests are)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from kopiena.participation import services
from kopiena.participation.models import Ballot, BallotChoice
from tests.factories import UserFactory, budget, eligible, feasible_idea

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks (set DATABASE_URL)"
    ),
    pytest.mark.django_db(transaction=True),
]


def test_concurrent_ballots_of_one_person_leave_one():
    process = budget("voting")
    ideas = [feasible_idea(process, cost="1000.00") for _ in range(3)]
    user = UserFactory(username="steidzigais")
    barrier = threading.Barrier(10)
    results = [None] * 10

    def run(i):
        try:
            barrier.wait(timeout=20)
            results[i] = services.cast_ballot(process, user, [ideas[i % 3].pk], eligible(user))
        except (ValidationError, Exception) as error:  # noqa: BLE001
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert all(isinstance(r, Ballot) for r in results), results
    assert Ballot.objects.filter(process=process).count() == 1
    assert BallotChoice.objects.filter(ballot__process=process).count() == 1


def test_concurrent_paper_ballots_of_one_person_leave_one():
    process = budget("voting")
    idea = feasible_idea(process, cost="1000.00")
    from kopiena.participation.roles import Role
    from tests.factories import user_with_role

    clerk = user_with_role(Role.PARTICIPATION_STAFF, username="lb-ievadītājs")
    yes = services.Eligibility(birth_year=1970, resident=True)
    barrier = threading.Barrier(8)
    results = [None] * 8

    def run(i):
        try:
            barrier.wait(timeout=20)
            results[i] = services.enter_paper_ballot(process, clerk, "010101-22222", [idea.pk], yes)
        except Exception as error:  # noqa: BLE001
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sum(isinstance(r, Ballot) for r in results) == 1
    assert all(isinstance(r, (Ballot, ValidationError)) for r in results), results
    assert Ballot.objects.filter(process=process).count() == 1


def test_the_same_person_online_and_on_paper_at_once_leaves_one():
    from kopiena.participation.roles import Role
    from tests.factories import user_with_role

    process = budget("voting")
    idea = feasible_idea(process, cost="1000.00")
    clerk = user_with_role(Role.PARTICIPATION_STAFF, username="lb-ievadītāja")
    resident = UserFactory(username="abos-kanalos")
    code = "120385-11111"
    declared = services.Eligibility(birth_year=1985, resident=True, person_code=code)
    barrier = threading.Barrier(8)
    results = [None] * 8

    def run(i):
        try:
            barrier.wait(timeout=20)
            if i % 2:
                results[i] = services.cast_ballot(process, resident, [idea.pk], declared)
            else:
                results[i] = services.enter_paper_ballot(process, clerk, code, [idea.pk], declared)
        except Exception as error:  # noqa: BLE001
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert all(isinstance(r, (Ballot, ValidationError)) for r in results), results
    assert Ballot.objects.filter(process=process).count() == 1
    assert BallotChoice.objects.filter(ballot__process=process).count() == 1
