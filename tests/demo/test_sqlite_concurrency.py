"""SQLite under concurrent writes: requests wait for each other (busy timeout, BEGIN
IMMEDIATE) instead of failing with "database is locked"; should a wait still run out, the
answer is 503 with Retry-After, never a 500.

The race runs on its own SQLite file with the demo's ``SQLITE_OPTIONS`` (on any test
database), thirty threads each reading a counter and writing it back, as thirty
simultaneous transitions did when an adversarial test answered 17 of them with 500."""

import threading
import time

import pytest
from django.db import OperationalError, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.test import Client

from demo.settings import base as demo_settings

WRITERS = 30


def _race(path, options) -> tuple[int, list[str]]:
    settings_dict = {
        **connections["default"].settings_dict,
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": options,
        "TEST": {},
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
        "TIME_ZONE": None,
    }
    setup = DatabaseWrapper(settings_dict, "race")
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (v INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    setup.close()
    errors: list[str] = []
    start = threading.Barrier(WRITERS)

    def writer():
        connections["race"] = DatabaseWrapper(settings_dict, "race")
        start.wait()
        try:
            with transaction.atomic(using="race"), connections["race"].cursor() as cursor:
                cursor.execute("SELECT v FROM counter")
                value = cursor.fetchone()[0]
                time.sleep(0.005)
                cursor.execute("UPDATE counter SET v = %s", [value + 1])
        except OperationalError as exc:
            errors.append(str(exc))
        finally:
            connections["race"].close()

    threads = [threading.Thread(target=writer) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    check = DatabaseWrapper(settings_dict, "race")
    with check.cursor() as cursor:
        cursor.execute("SELECT v FROM counter")
        total = cursor.fetchone()[0]
    check.close()
    return total, errors


def test_the_demo_settings_wait_and_begin_immediate():
    assert demo_settings.SQLITE_OPTIONS["transaction_mode"] == "IMMEDIATE"
    assert demo_settings.SQLITE_OPTIONS["timeout"] >= 5


def test_thirty_simultaneous_writers_all_succeed_in_turn(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():
        total, errors = _race(tmp_path / "race.sqlite3", demo_settings.SQLITE_OPTIONS)
    assert errors == []
    assert total == WRITERS


def test_without_immediate_transactions_the_same_race_fails(tmp_path, django_db_blocker):
    """The control: SQLite's deferred transactions cannot wait out a read-then-write race,
    which is why the options matter."""
    with django_db_blocker.unblock():
        total, errors = _race(tmp_path / "race.sqlite3", {"timeout": 20})
    assert errors and all("locked" in e for e in errors)
    assert total == WRITERS - len(errors)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/portal/", "/api/cases/applications"])
def test_a_lock_that_outlasts_the_wait_answers_503_with_retry_after(monkeypatch, url):
    from kopiena.grants import api as grants_api
    from kopiena.portal import access
    from tests.factories import OrganisationFactory, member_of

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(access, "applications", locked)
    monkeypatch.setattr(access, "organisations", locked)
    monkeypatch.setattr(grants_api, "applications_for", locked)
    client = Client(raise_request_exception=False)
    client.force_login(member_of(OrganisationFactory()))
    response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "2"
