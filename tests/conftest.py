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


def pytest_collection_modifyitems(config, items):
    """Every transactional test restores the database as the migrations left it.

    A transactional test ends with a flush, which also removes what the data migrations
    created (Wagtail's root page and site, the role groups and their permissions). With
    ``serialized_rollback`` the flush keeps post_migrate quiet and the serialized state is
    loaded back — but only if *every* transactional test does so, since one plain flush
    re-creates the content types under new ids. So it is set here, for all of them.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("transaction"):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)
