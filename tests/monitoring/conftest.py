"""Places, people and monitoring access for the monitoring tests."""

import pytest

from kopiena.monitoring.roles import Role
from tests.factories import monitored_by, place, region, user_with_role


@pytest.fixture
def latgale(db):
    return region()


@pytest.fixture
def daugavpils(latgale):
    return place("daugavpils", "Daugavpils", latgale)


@pytest.fixture
def rezekne(latgale):
    return place("rezekne", "Rēzekne", latgale)


@pytest.fixture
def liepaja(db):
    return place("liepaja", "Liepāja", region("kurzeme", "Kurzemes plānošanas reģions"))


@pytest.fixture
def head(daugavpils):
    """A head of the social service who monitors Daugavpils."""
    user = user_with_role(Role.SERVICE_HEADS, username="vaditajs-mon")
    return monitored_by(user, municipality=daugavpils)


@pytest.fixture
def liepaja_head(liepaja):
    user = user_with_role(Role.SERVICE_HEADS, username="vaditaja-liepaja")
    return monitored_by(user, municipality=liepaja)


@pytest.fixture
def coordinator(latgale):
    user = user_with_role(Role.REGIONAL_COORDINATORS, username="regkoord-test")
    return monitored_by(user, region_=latgale)
