"""Fixtures of the page tests: the default site's page tree and its classifications."""

import pytest

from tests.factories.pages import (
    MunicipalityFactory,
    NewsIndexPageFactory,
    StoryIndexPageFactory,
    TargetGroupFactory,
    site_home,
)


@pytest.fixture
def home(db):
    return site_home()


@pytest.fixture
def news_index(home):
    return NewsIndexPageFactory(parent=home)


@pytest.fixture
def story_index(home):
    return StoryIndexPageFactory(parent=home)


@pytest.fixture
def cesis(db):
    return MunicipalityFactory(name="Cēsu novads", slug="cesu-novads")


@pytest.fixture
def tukums(db):
    return MunicipalityFactory(name="Tukuma novads", slug="tukuma-novads")


@pytest.fixture
def seniors(db):
    return TargetGroupFactory(name="Seniori", slug="seniori", people_count=5400)


@pytest.fixture
def youth(db):
    return TargetGroupFactory(name="Jaunieši", slug="jauniesi", people_count=2100)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
