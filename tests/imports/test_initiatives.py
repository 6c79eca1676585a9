"""Initiatives: references, people and places are looked up; a status is set on new
records only."""

import pytest

from kopiena.casework.importing import run_import
from kopiena.community_work.models import Initiative
from tests.factories import CommunityFactory, InitiativeFactory, UserFactory

pytestmark = pytest.mark.django_db

HEAD = "Lietas numurs;Nosaukums;Pašvaldība;Kopiena;Sociālais darbinieks;Statuss"


def csv(*lines):
    return ("\n".join([HEAD, *lines]) + "\n").encode("utf-8")


@pytest.fixture
def community(liepaja):
    return CommunityFactory(name="Karosta", municipality=liepaja)


def test_unknown_people_places_and_wrong_roles_are_row_errors(
    community, social_worker, service_head
):
    UserFactory(username="bez-lomas")
    result = run_import(
        "initiatives",
        csv(
            "K-1;Talka;Liepāja;Karosta;socdarbinieks-test;Ideja",
            "K-2;Talka 2;Liepāja;Nav tādas;socdarbinieks-test;",
            "K-3;Talka 3;Liepāja;Karosta;nav-tada;",
            "K-4;Talka 4;Liepāja;Karosta;bez-lomas;",
            "K-5;Talka 5;Atlantīda;Karosta;socdarbinieks-test;",
            "K-1;Talka 6;Liepāja;Karosta;socdarbinieks-test;",
            "K-7;Talka;Liepāja;Karosta;socdarbinieks-test;",
            "K-8;Talka 8;Liepāja;Karosta;socdarbinieks-test;Apstiprināts",
        ),
        user=service_head,
        file_name="i.csv",
        dry_run=False,
    )

    errors = {row.number: list(row.errors) for row in result.rows}
    assert errors == {
        2: [],
        3: ["Kopiena"],
        4: ["Sociālais darbinieks"],
        5: ["Sociālais darbinieks"],
        6: ["Pašvaldība"],
        7: ["Lietas numurs"],
        8: ["Nosaukums"],
        9: ["Statuss"],
    }
    assert Initiative.objects.count() == 0


def test_existing_initiative_is_updated_but_keeps_its_status(
    community, social_worker, service_head
):
    existing = InitiativeFactory(
        reference="K-1",
        title="Vecais",
        municipality=community.municipality,
        community=community,
        social_worker=social_worker,
        status="planning",
    )

    same_status = run_import(
        "initiatives",
        csv("K-1;Jaunais;Liepāja;Karosta;socdarbinieks-test;"),
        user=service_head,
        file_name="i.csv",
        dry_run=False,
    )
    other_status = run_import(
        "initiatives",
        csv("K-1;Jaunākais;Liepāja;Karosta;socdarbinieks-test;Slēgts"),
        user=service_head,
        file_name="i.csv",
        dry_run=False,
    )

    assert same_status.written and same_status.records["changed"] == 1
    assert list(other_status.rows[0].errors) == ["Statuss"]
    existing.refresh_from_db()
    assert (existing.title, existing.status) == ("Jaunais", "planning")
