import pytest

from kopiena.participation.roles import Role
from tests.factories import UserFactory, budget, user_with_role


@pytest.fixture(autouse=True)
def _english():
    """Messages are read in English here (the translations are tested on their own)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def pb_staff(db):
    return user_with_role(Role.PARTICIPATION_STAFF, username="lb-darbinieks-test")


@pytest.fixture
def resident(db):
    return UserFactory(username="iedzivotaja-test", email="iedzivotaja@example.lv")


@pytest.fixture
def voting(db):
    """A published budget whose vote is open today."""
    return budget("voting")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)
