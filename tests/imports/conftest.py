"""Shared fixtures of the import tests: a call and organisations the files refer to."""

from decimal import Decimal
from pathlib import Path

import pytest

from tests.factories import GrantCallFactory, OrganisationFactory
from tests.factories.grants import municipality

FILES = Path(__file__).parent / "files"


@pytest.fixture
def liepaja(db):
    return municipality("liepaja", "Liepāja")


@pytest.fixture
def call(liepaja):
    return GrantCallFactory(
        title="Pilsoniskās sabiedrības organizāciju projektu konkurss 2024",
        slug="pilsoniska-2024",
        municipality=liepaja,
        total_budget=Decimal("50000.00"),
    )


@pytest.fixture
def organisations(liepaja):
    """The two organisations the sample application files refer to."""
    return [
        OrganisationFactory(
            registration_number="40008012345", name="Biedrība “Saules stari”", municipality=liepaja
        ),
        OrganisationFactory(
            registration_number="50008067890", name="Nodibinājums “Ūdensroze”", municipality=liepaja
        ),
    ]


def read(name: str) -> bytes:
    return (FILES / name).read_bytes()
