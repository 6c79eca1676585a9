"""Fixtures shared by the whole suite; app-specific ones live in the app's conftest."""

import pytest
from django.core import mail

from casework.roles import Role
from tests.factories import user_with_role


@pytest.fixture(autouse=True)
def _media_in_memory(settings):
    """Keep uploaded files out of the working tree."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@pytest.fixture
def outbox():
    mail.outbox.clear()
    return mail.outbox


@pytest.fixture
def editor(db):
    return user_with_role(Role.EDITORS, username="redaktors-test")


@pytest.fixture
def officer(db):
    return user_with_role(Role.GRANT_OFFICERS, username="koordinators-test")


@pytest.fixture
def reviewer(db):
    return user_with_role(Role.REVIEWERS, username="vertetajs-test")


@pytest.fixture
def reviewer2(db):
    return user_with_role(Role.REVIEWERS, username="vertetajs2-test")


@pytest.fixture
def finance(db):
    return user_with_role(Role.FINANCE, username="finanses-test")


@pytest.fixture
def social_worker(db):
    return user_with_role(Role.SOCIAL_WORKERS, username="socdarbinieks-test")


@pytest.fixture
def service_head(db):
    return user_with_role(Role.SERVICE_HEADS, username="vaditajs-test")
