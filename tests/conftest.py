"""Fixtures shared by the whole suite; app-specific ones live in the app's conftest."""

import pytest
from django.core import mail
from django.core.cache import cache

from kopiena.casework.roles import Role
from tests.factories import user_with_role


@pytest.fixture(autouse=True)
def _media_in_memory(settings):
    """Keep uploaded files out of the working tree."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: no sign-in failure counts (casework.throttle)
    or cached renditions left over from another test."""
    cache.clear()


@pytest.fixture(autouse=True)
def _page_api_reads_fifty(settings):
    """The suite reads lists of 50 through the page API to show their cost does not grow; a
    host's Wagtail allows 20 unless it says otherwise (the demo allows 100)."""
    settings.WAGTAILAPI_LIMIT_MAX = 100


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
    """Transactional tests (threads, the live server) end with a flush, which also removes
    what the data migrations created. ``serialized_rollback`` cannot be mixed safely (one
    plain flush re-creates the content types under new ids and the next restore collides),
    so it is switched off for all of them and ``ensure_migrated_rows`` (below) puts the
    migrated rows back before each one instead."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("transaction"):
            kwargs = {**marker.kwargs, "serialized_rollback": False}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


#: Data migrations whose rows a transactional test needs back: (module, function).
DATA_MIGRATIONS = [
    ("kopiena.pages.migrations.0002_roles", "create_roles"),
    ("kopiena.grants.migrations.0002_roles", "create_roles"),
    ("kopiena.community_work.migrations.0002_roles", "create_roles"),
    ("kopiena.social_map.migrations.0002_roles", "create_roles"),
    ("kopiena.social_map.migrations.0003_areas_of_help", "create_taxonomy"),
    ("kopiena.monitoring.migrations.0002_roles", "create_roles"),
    ("kopiena.participation.migrations.0002_roles", "create_roles"),
]


def ensure_migrated_rows():
    """Re-create, idempotently, what the data migrations made: Wagtail's locale, root page
    and default site, the role groups and their permissions. A safety net behind
    ``serialized_rollback`` for transactional tests (threads, live server)."""
    import importlib

    from django.apps import apps
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page, Site

    # A flush re-creates content types under new ids; forget the cached old ones.
    ContentType.objects.clear_cache()
    locale = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
    if not Site.objects.filter(is_default_site=True).exists():
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=locale)
        )
        home = root.get_children().first() or root.add_child(
            instance=Page(title="Kopiena", slug="kopiena", locale=locale)
        )
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    for module, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)


@pytest.fixture(autouse=True)
def _migrated_rows_in_transactional_tests(request):
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        ensure_migrated_rows()
